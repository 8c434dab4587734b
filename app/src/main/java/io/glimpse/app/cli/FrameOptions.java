package io.glimpse.app.cli;

import io.glimpse.media.video.FrameSelection;
import java.util.List;

/** Turns the frame options shared by {@code frames} and {@code plan} into a {@link FrameSelection}. */
final class FrameOptions {
    private FrameOptions() {
    }

    /**
     * @param count         --count, or null
     * @param fps           --fps, or null
     * @param at            --at timestamps, or null
     * @param minFrames     --min-frames (with --fps)
     * @param maxFrames     --max-frames, or null for no bound (caps --count too)
     * @param defaultCount  the count when none of --count, --fps, --at is given
     */
    static FrameSelection selection(Integer count, Double fps, List<Double> at, int minFrames, Integer maxFrames, int defaultCount) {
        int modes = (count != null ? 1 : 0) + (fps != null ? 1 : 0) + (at != null ? 1 : 0);
        if (modes > 1) {
            throw new Main.UsageException("give only one of --count, --fps" + (at != null ? " and --at" : ""));
        }
        if (maxFrames != null && maxFrames < 1) {
            throw new Main.UsageException("--max-frames must be at least 1, got " + maxFrames);
        }
        int max = maxFrames == null ? Integer.MAX_VALUE : maxFrames;
        if (fps != null) {
            return new FrameSelection.Fps(fps, minFrames, max);
        }
        if (at != null) {
            return new FrameSelection.Timestamps(at);
        }
        if (count != null && count < 1) {
            throw new Main.UsageException("--count must be at least 1, got " + count);
        }
        return new FrameSelection.Count(Math.min(count == null ? defaultCount : count, max));
    }
}
