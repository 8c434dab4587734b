package io.glimpse.app.ui.vm;

import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.util.Locale;
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
 * --dedupe), applied to every video like the command line does. Start and end are text as typed,
 * so a half-typed value is never lost; {@link #request()} says what is wrong with it. UI thread only.
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

    /** Every control, to listen to them all at once. */
    public Observable[] all() {
        return new Observable[] {useFps, count, fps, maxFrames, start, end, dedupe};
    }

    /**
     * The request the controls describe.
     *
     * @throws IllegalArgumentException with the same words as the command line for a bad value
     */
    public SamplingRequest request() {
        if (maxFrames.get() < 1) {
            throw new IllegalArgumentException("max frames must be at least 1, got " + maxFrames.get());
        }
        FrameSelection selection;
        if (useFps.get()) {
            selection = new FrameSelection.Fps(fps.get(), 1, maxFrames.get());
        } else {
            if (count.get() < 1) {
                throw new IllegalArgumentException("frame count must be at least 1, got " + count.get());
            }
            selection = new FrameSelection.Count(Math.min(count.get(), maxFrames.get()));
        }
        double from = seconds("start", start.get(), 0.0);
        Double to = end.get() == null || end.get().isBlank() ? null : seconds("end", end.get(), null);
        SamplingRequest r = SamplingRequest.of(selection).withRange(from, to);
        return dedupe.get() ? r.withDedupe(SamplingRequest.DEFAULT_DEDUPE_THRESHOLD) : r;
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
