package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The video sampling controls (the command line's --count / --fps, --max-frames, --start, --end,
 * --dedupe). Each video keeps its own settings: the controls show those of the video on the strip
 * ({@link #show}); a video takes the controls' values when it joins the list ({@link #adopt}).
 * Start and end are text as typed, so a half-typed value is never lost; {@link #request()} says what
 * is wrong with it. UI thread only.
 */
public final class FrameControls {
    public static final int MAX_COUNT = 256;
    private final BooleanProperty useFps = new SimpleBooleanProperty(false);
    private final IntegerProperty count = new SimpleIntegerProperty(io.glimpse.inference.vision.AskRequest.DEFAULT_FRAMES);
    private final DoubleProperty fps = new SimpleDoubleProperty(1.0);
    private final IntegerProperty maxFrames = new SimpleIntegerProperty(64);
    private final StringProperty start = new SimpleStringProperty("");
    private final StringProperty end = new SimpleStringProperty("");
    private final BooleanProperty dedupe = new SimpleBooleanProperty(false);
    /** Bumped once per change of what any video is sampled with (one bump for a whole {@link #show}). */
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final Map<Path, Values> perVideo = new HashMap<>();
    private Path shown;
    private boolean loading;

    /** One video's settings, as the controls hold them. */
    public record Values(boolean useFps, int count, double fps, int maxFrames, String start, String end, boolean dedupe) {
        /**
         * The request these settings describe.
         *
         * @throws IllegalArgumentException with the same words as the command line for a bad value
         */
        public SamplingRequest request() {
            if (maxFrames < 1) {
                throw new IllegalArgumentException("max frames must be at least 1, got " + maxFrames);
            }
            FrameSelection selection;
            if (useFps) {
                selection = new FrameSelection.Fps(fps, 1, maxFrames);
            } else {
                if (count < 1) {
                    throw new IllegalArgumentException("frame count must be at least 1, got " + count);
                }
                selection = new FrameSelection.Count(Math.min(count, maxFrames));
            }
            double from = seconds("start", start, 0.0);
            Double to = end == null || end.isBlank() ? null : seconds("end", end, null);
            SamplingRequest r = SamplingRequest.of(selection).withRange(from, to);
            return dedupe ? r.withDedupe(SamplingRequest.DEFAULT_DEDUPE_THRESHOLD) : r;
        }

        /** {@code frames} counted frames (raising max frames to match, so it does not cap them). */
        public Values withFrames(int frames) {
            return new Values(false, frames, fps, Math.max(maxFrames, frames), start, end, dedupe);
        }
    }

    public FrameControls() {
        for (Observable c : new Observable[] {useFps, count, fps, maxFrames, start, end, dedupe}) {
            c.addListener(o -> {
                if (!loading) {
                    bump();
                }
            });
        }
    }

    private void bump() {
        revision.set(revision.get() + 1); // get() first: an invalidation listener hears only a validated property
    }

    public BooleanProperty useFpsProperty() {
        return useFps;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public DoubleProperty fpsProperty() {
        return fps;
    }

    public IntegerProperty maxFramesProperty() {
        return maxFrames;
    }

    public StringProperty startProperty() {
        return start;
    }

    public StringProperty endProperty() {
        return end;
    }

    public BooleanProperty dedupeProperty() {
        return dedupe;
    }

    /** One observable to listen to: it changes whenever any control or any video's settings change. */
    public Observable[] all() {
        return new Observable[] {revision};
    }

    /** The values on the controls now (the shown video's). */
    public Values current() {
        return new Values(useFps.get(), count.get(), fps.get(), maxFrames.get(), start.get(), end.get(), dedupe.get());
    }

    /** The settings of {@code video}: the controls' for the shown one (or one not adopted yet). */
    public Values values(MediaItem video) {
        if (video == null || video.file().equals(shown)) {
            return current();
        }
        return perVideo.getOrDefault(video.file(), current());
    }

    /**
     * Puts {@code video}'s settings on the controls, keeping those of the video shown so far; a video
     * with none of its own keeps the controls' values. Null keeps the values and shows no video.
     */
    public void show(MediaItem video) {
        Path next = video == null ? null : video.file();
        if (java.util.Objects.equals(next, shown)) {
            return;
        }
        if (shown != null) {
            perVideo.put(shown, current());
        }
        shown = next;
        Values v = next == null ? null : perVideo.get(next);
        if (v != null && !v.equals(current())) {
            put(v);
            bump();
        }
    }

    /** {@code v} on the controls, as one change (the caller bumps). */
    private void put(Values v) {
        loading = true;
        try {
            useFps.set(v.useFps());
            count.set(v.count());
            fps.set(v.fps());
            maxFrames.set(v.maxFrames());
            start.set(v.start());
            end.set(v.end());
            dedupe.set(v.dedupe());
        } finally {
            loading = false;
        }
    }

    /** Gives each video new to the list the controls' values, and forgets those no longer in it. */
    public void adopt(List<MediaItem> videos) {
        java.util.Set<Path> in = new java.util.HashSet<>();
        for (MediaItem v : videos) {
            in.add(v.file());
            if (!v.file().equals(shown)) {
                perVideo.putIfAbsent(v.file(), current());
            }
        }
        perVideo.keySet().retainAll(in);
        if (shown != null && !in.contains(shown)) {
            shown = null; // removed: nothing to keep for it (a file dropped again starts afresh)
        }
    }

    /** Gives {@code video} (in the list) these settings: on the controls when it is the one shown. */
    public void set(MediaItem video, Values v) {
        if (video.file().equals(shown)) {
            put(v);
        } else {
            perVideo.put(video.file(), v);
        }
        bump();
    }

    /** Sets {@code video} to {@code frames} counted frames (what fit to budget chose for it). */
    public void setFrames(MediaItem video, int frames) {
        if (video == null || video.file().equals(shown)) {
            useFps.set(false);
            if (maxFrames.get() < frames) {
                maxFrames.set(frames); // else max frames would cap what was chosen
            }
            count.set(frames);
        } else {
            perVideo.put(video.file(), values(video).withFrames(frames));
            bump();
        }
    }

    /**
     * The request the controls describe (the shown video's).
     *
     * @throws IllegalArgumentException with the same words as the command line for a bad value
     */
    public SamplingRequest request() {
        return current().request();
    }

    /** The request of {@code video}'s own settings. */
    public SamplingRequest request(MediaItem video) {
        return values(video).request();
    }

    /**
     * What is sent of a video planned with these controls, and what capped it, e.g. "64 sent (max
     * frames 64)", "30 sent (1 fps × 30 s)": the slider's value alone is not what goes out.
     *
     * @param plan        the plan of {@link #request()} for the video
     * @param duplicates  frames dedupe removed (0 until decoded)
     * @param modelKeeps  most frames the model's processor keeps per video (the rest it drops)
     */
    public String describeSent(SamplingPlan plan, int duplicates, int modelKeeps) {
        java.util.List<String> why = new java.util.ArrayList<>();
        int planned = plan.indices().size();
        if (useFps.get()) {
            double seconds = plan.endSeconds() - plan.startSeconds();
            long byRate = (long) Math.floor(seconds * fps.get() + 1e-9);
            String rate = plain(fps.get()) + " fps × " + plain(seconds) + " s";
            if (byRate > maxFrames.get()) {
                why.add("max frames " + maxFrames.get() + "; " + rate + " = " + byRate);
            } else if (byRate < 1) {
                why.add("at least 1; " + rate + " < 1");
            } else {
                why.add(rate);
            }
        } else if (count.get() > maxFrames.get()) {
            why.add("max frames " + maxFrames.get() + "; slider at " + count.get());
        }
        if (planned < plan.requestedFrames()) {
            why.add("the range holds only " + planned);
        }
        int sent = planned - duplicates;
        if (duplicates > 0) {
            why.add(duplicates + (duplicates == 1 ? " duplicate" : " duplicates") + " dropped");
        }
        if (sent > modelKeeps) {
            why.add("the model keeps " + modelKeeps + " per video");
            sent = modelKeeps;
        }
        return sent + " sent" + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")");
    }

    /** 1.0 as "1", 0.25 as "0.25", 12.345 as "12.3". */
    private static String plain(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.valueOf((long) Math.rint(v));
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static Double seconds(String what, String text, Double blank) {
        if (text == null || text.isBlank()) {
            return blank;
        }
        try {
            double v = Double.parseDouble(text.trim().replace(',', '.'));
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " must be non-negative seconds, got '" + text.trim() + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: '%s' is not a number of seconds", what, text.trim()));
        }
    }
}
