package io.glimpse.media.video;

import java.util.ArrayList;
import java.util.List;

/**
 * The frame indices a request selects from a video, worked out from its {@link VideoInfo} alone
 * (nothing decoded), so the UI and the token ledger can show the cost before any decoding.
 * Immutable.
 *
 * <p>Frame {@code i} is the frame presented at {@code i / averageFps} seconds. A frame is inside
 * the range when its time lies in [start, end]. Indices are ascending and distinct.
 *
 * @param indices          ascending frame indices to decode (for a {@link FrameSelection.Timestamps}
 *                         selection: the index each time falls on at the average rate, an
 *                         estimate for variable-frame-rate video, parallel to {@code timestamps})
 * @param timestamps       for a Timestamps selection, the ascending distinct times inside the range
 *                         whose on-screen frames are wanted; empty otherwise
 * @param requestedFrames  how many frames the selection asked for (before clamping to the range)
 * @param firstIndex       first frame index inside the range
 * @param lastIndex        last frame index inside the range
 * @param startSeconds     range start actually used
 * @param endSeconds       range end actually used (clamped to the video's duration)
 * @param warnings         what was adjusted, in words (empty when nothing was)
 */
public record SamplingPlan(List<Long> indices, List<Double> timestamps, int requestedFrames, long firstIndex, long lastIndex,
                           double startSeconds, double endSeconds, List<String> warnings) {

    public SamplingPlan {
        indices = List.copyOf(indices);
        timestamps = List.copyOf(timestamps);
        warnings = List.copyOf(warnings);
    }

    /**
     * @throws IllegalArgumentException when the range starts at or past the end of the video, or
     *                                  holds no frame
     */
    public static SamplingPlan of(VideoInfo info, SamplingRequest request) {
        double fps = info.averageFps();
        if (!(fps > 0)) {
            throw new IllegalArgumentException("the video reports no frame rate");
        }
        List<String> warnings = new ArrayList<>();
        double duration = info.durationSeconds();
        double start = request.startSeconds();
        if (start >= duration) {
            throw new IllegalArgumentException(String.format(
                    "range starts at %.3f s, at or past the end of the video (%.3f s)", start, duration));
        }
        double end = request.endSeconds() == null ? duration : request.endSeconds();
        if (end > duration) {
            warnings.add(String.format("range end %.3f s is past the end of the video; using %.3f s", end, duration));
            end = duration;
        }
        long maxIndex = info.frameCount() - 1;
        // Tolerance of a thousandth of a frame absorbs float error in start × fps.
        long first = (long) Math.ceil(start * fps - 1e-3);
        long last = Math.min(maxIndex, (long) Math.floor(end * fps + 1e-3));
        if (first > last) {
            throw new IllegalArgumentException(String.format(
                    "no frame lies between %.3f s and %.3f s (frames are %.3f s apart)", start, end, 1 / fps));
        }
        long available = last - first + 1;

        List<Long> indices = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        int requested;
        FrameSelection selection = request.selection();
        if (selection instanceof FrameSelection.Timestamps ts) {
            requested = ts.seconds().size();
            times = timesInRange(ts.seconds(), start, end, warnings);
            for (double t : times) {
                indices.add(Math.min(last, (long) Math.floor(t * fps + 1e-3)));
            }
        } else {
            if (selection instanceof FrameSelection.Count c) {
                requested = c.frames();
            } else {
                FrameSelection.Fps f = (FrameSelection.Fps) selection;
                long n = (long) Math.floor((end - start) * f.fps() + 1e-9);
                requested = (int) Math.max(f.minFrames(), Math.min(f.maxFrames(), n));
            }
            int n = requested;
            if (n > available) {
                warnings.add("asked for " + requested + " frames but the range holds only " + available + "; taking all of them");
                n = (int) available;
            }
            indices = linspaceIndices(first, last, n);
        }
        return new SamplingPlan(indices, times, requested, first, last, start, end, warnings);
    }

    /** {@code round(linspace(first, last, n))} with round-half-to-even, as numpy does. */
    static List<Long> linspaceIndices(long first, long last, int n) {
        List<Long> out = new ArrayList<>(n);
        if (n == 1) {
            out.add(first);
            return out;
        }
        double step = (last - first) / (double) (n - 1);
        for (int i = 0; i < n; i++) {
            double v = i == n - 1 ? last : first + i * step;
            out.add((long) Math.rint(v));
        }
        return out;
    }

    private static List<Double> timesInRange(List<Double> seconds, double start, double end, List<String> warnings) {
        java.util.TreeSet<Double> set = new java.util.TreeSet<>();
        for (double s : seconds) {
            if (s < start || s > end) {
                warnings.add(String.format("timestamp %.3f s is outside the range %.3f–%.3f s; skipped", s, start, end));
            } else if (!set.add(s)) {
                warnings.add(String.format("timestamp %.3f s given twice", s));
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("none of the timestamps lies inside the video's range");
        }
        return new ArrayList<>(set);
    }
}
