package io.glimpse.media.video;

/**
 * A frame sampling request: which frames, over which time range, and whether to drop
 * near-duplicates. Immutable.
 *
 * @param selection          which frames
 * @param startSeconds       range start (inclusive), seconds from the first frame
 * @param endSeconds         range end (inclusive), or {@code null} for the end of the video
 * @param dedupeThreshold    drop a frame whose mean absolute difference to the last kept frame
 *                           (on a 32×32 grey thumbnail, 0..255 scale) is below this; {@code 0}
 *                           turns dedupe off
 */
public record SamplingRequest(FrameSelection selection, double startSeconds, Double endSeconds, double dedupeThreshold) {
    /** Default threshold of {@code --dedupe}: visually identical frames after compression noise. */
    public static final double DEFAULT_DEDUPE_THRESHOLD = 2.0;

    public SamplingRequest {
        if (selection == null) {
            throw new IllegalArgumentException("no frame selection");
        }
        if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
            throw new IllegalArgumentException("start must be non-negative seconds, got " + startSeconds);
        }
        if (endSeconds != null && !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("end (" + endSeconds + " s) must be after start (" + startSeconds + " s)");
        }
        if (!(dedupeThreshold >= 0)) {
            throw new IllegalArgumentException("dedupe threshold must be non-negative, got " + dedupeThreshold);
        }
    }

    public static SamplingRequest of(FrameSelection selection) {
        return new SamplingRequest(selection, 0, null, 0);
    }

    public SamplingRequest withRange(double start, Double end) {
        return new SamplingRequest(selection, start, end, dedupeThreshold);
    }

    public SamplingRequest withDedupe(double threshold) {
        return new SamplingRequest(selection, startSeconds, endSeconds, threshold);
    }
}
