package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.MediaLoader;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import io.glimpse.media.video.DroppedFrame;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingReport;
import io.glimpse.media.video.SamplingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The frame strip of the shown video: exactly the frames that will be sent, with their times.
 * The plan (indices and times) is worked out at once from the video's headers; pictures are
 * decoded in the background, newest request wins (a stale decode is cancelled), frames filled in
 * as they arrive. With dedupe, removed frames stay visible, marked as not sent. UI thread only.
 */
public final class FrameStripViewModel {
    public static final int THUMBNAIL = 120;
    private final TaskRunner runner;
    private final FrameControls controls;
    private final Supplier<VisionProcessor> vision;
    private final TaskRunner.Latest decode = new TaskRunner.Latest();
    private final ObjectProperty<MediaItem> video = new SimpleObjectProperty<>();
    private final ObjectProperty<SamplingPlan> plan = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final ObservableList<StripFrame> frames = FXCollections.observableArrayList();
    private final ObjectProperty<List<List<RgbImage>>> canvases = new SimpleObjectProperty<>(List.of());
    private final BooleanProperty decoding = new SimpleBooleanProperty();
    /** Frames removed as duplicates in the last finished decode of the shown video and request. */
    private final IntegerProperty duplicates = new SimpleIntegerProperty();
    private final StringProperty sent = new SimpleStringProperty("");
    private SamplingRequest decodedRequest;

    public FrameStripViewModel(TaskRunner runner, FrameControls controls, Supplier<VisionProcessor> vision) {
        this.runner = runner;
        this.controls = controls;
        this.vision = vision;
        video.addListener((o, a, b) -> refresh());
        for (var c : controls.all()) {
            c.addListener(o -> refresh());
        }
    }

    public ObjectProperty<MediaItem> videoProperty() {
        return video;
    }

    public ObjectProperty<SamplingPlan> planProperty() {
        return plan;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<StripFrame> frames() {
        return frames;
    }

    public ObjectProperty<List<List<RgbImage>>> canvasesProperty() {
        return canvases;
    }

    public BooleanProperty decodingProperty() {
        return decoding;
    }

    public IntegerProperty duplicatesProperty() {
        return duplicates;
    }

    /** How many frames of the shown video are sent and what capped them ({@link FrameControls#describeSent}). */
    public StringProperty sentProperty() {
        return sent;
    }

    private void describeSent(SamplingPlan p, int dropped) {
        VisionProcessor v = vision.get();
        // min(planned, the processor's per-video cap): the model drops frames past it
        int keeps = Integer.MAX_VALUE;
        try {
            keeps = v == null ? keeps : v.video(p.indices().size()).framesUsed();
        } catch (IllegalArgumentException e) {
            // an image-only processor: the ledger says the video is refused
        }
        sent.set(controls.describeSent(p, dropped, keeps));
    }

    /** Frames that will be sent for {@code item} under the current controls (dedupe counted once decoded), or -1 when the controls are invalid for it. */
    public int framesToSend(MediaItem item) {
        try {
            SamplingRequest request = controls.request(item);
            int planned = SamplingPlan.of(item.video(), request).indices().size();
            if (item.equals(video.get()) && request.equals(decodedRequest)) {
                return planned - duplicates.get();
            }
            return planned;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Re-plans at once and starts decoding the new frames in the background. */
    public void refresh() {
        decode.cancel();
        decodedRequest = null;
        duplicates.set(0);
        MediaItem item = video.get();
        if (item == null) {
            plan.set(null);
            sent.set("");
            error.set(null);
            frames.clear();
            canvases.set(List.of());
            decoding.set(false);
            return;
        }
        SamplingRequest request;
        SamplingPlan p;
        try {
            request = controls.request();
            p = SamplingPlan.of(item.video(), request);
        } catch (IllegalArgumentException e) {
            error.set(item.name() + ": " + e.getMessage());
            decoding.set(false);
            return; // keep the last good strip on screen; the message says what to fix
        }
        error.set(p.warnings().isEmpty() ? null : String.join("; ", p.warnings()));
        plan.set(p);
        describeSent(p, 0);
        List<StripFrame> planned = new ArrayList<>();
        double fps = item.video().averageFps();
        for (long index : p.indices()) {
            planned.add(new StripFrame(index, index / fps, null, -1));
        }
        frames.setAll(planned);
        canvases.set(List.of()); // the old canvases no longer match the plan
        decoding.set(true);
        VisionProcessor v = vision.get();
        decode.submit(runner, cancel -> {
            List<RgbImage> prepared = new ArrayList<>();
            SamplingReport report = FrameSampler.sample(item.file(), request, f -> {
                RgbImage thumb = MediaLoader.shrink(f.image(), THUMBNAIL);
                if (v != null) {
                    prepared.add(v.prepareFrame(f.image()));
                }
                runner.onUi(() -> {
                    if (!cancel.isCancelled()) {
                        place(f.index(), f.ptsSeconds(), thumb, -1);
                    }
                });
            }, cancel, ProgressListener.NONE);
            List<List<RgbImage>> c = v == null || prepared.isEmpty() ? List.of() : v.videoCanvases(prepared);
            return new Decoded(report, c);
        }, done -> {
            for (DroppedFrame d : done.report.dropped()) {
                place(d.index(), d.ptsSeconds(), null, d.keptIndex());
            }
            decodedRequest = request;
            duplicates.set(done.report.dropped().size());
            describeSent(p, done.report.dropped().size());
            canvases.set(done.canvases);
            if (!done.report.warnings().isEmpty()) {
                error.set(String.join("; ", done.report.warnings()));
            }
            decoding.set(false);
        }, e -> {
            error.set(MessagesViewModel.describe(e));
            decoding.set(false);
        });
    }

    /** Puts a decoded frame in the slot of its index (the plan's slot; a decoded index the plan lacks is ignored). */
    private void place(long index, double seconds, RgbImage thumb, long duplicateOf) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).index() == index) {
                frames.set(i, new StripFrame(index, seconds, thumb, duplicateOf));
                return;
            }
        }
    }

    private record Decoded(SamplingReport report, List<List<RgbImage>> canvases) {
    }
}
