package io.glimpse.media.video;

import java.util.List;

/**
 * Which frames of a time range to sample. Immutable.
 *
 * <ul>
 *   <li>{@link Count}: N frames spread evenly, frame indices {@code round(linspace(first, last, N))};</li>
 *   <li>{@link Fps}: N = clamp(floor(range duration × fps), minFrames, maxFrames), then as Count;</li>
 *   <li>{@link Timestamps}: the frames on screen at the given times (seconds).</li>
 * </ul>
 */
public sealed interface FrameSelection {

    record Count(int frames) implements FrameSelection {
        public Count {
            if (frames <= 0) {
                throw new IllegalArgumentException("frame count must be at least 1, got " + frames);
            }
        }
    }

    record Fps(double fps, int minFrames, int maxFrames) implements FrameSelection {
        public Fps {
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new IllegalArgumentException("fps must be a positive number, got " + fps);
            }
            if (minFrames < 1) {
                throw new IllegalArgumentException("min frames must be at least 1, got " + minFrames);
            }
            if (maxFrames < minFrames) {
                throw new IllegalArgumentException("max frames (" + maxFrames + ") is below min frames (" + minFrames + ")");
            }
        }
    }

    record Timestamps(List<Double> seconds) implements FrameSelection {
        public Timestamps {
            seconds = List.copyOf(seconds);
            if (seconds.isEmpty()) {
                throw new IllegalArgumentException("no timestamps given");
            }
            for (double s : seconds) {
                if (!(s >= 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException("timestamps must be non-negative seconds, got " + s);
                }
            }
        }
    }
}
