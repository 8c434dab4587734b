package io.glimpse.app.ui.vm;

import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
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
    private final IntegerProperty count = new SimpleIntegerProperty(8);
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
