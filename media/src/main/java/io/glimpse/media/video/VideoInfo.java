package io.glimpse.media.video;

/**
 * What {@link VideoProbe} reads from a video file's headers (and, where they lack or contradict the
 * length, from its packets' timestamps) without decoding it.
 *
 * @param durationSeconds   length of the video stream; {@code durationSource} says where it comes from
 * @param averageFps        average frame rate (frames / duration), {@code avg_frame_rate}
 * @param nominalFps        nominal (base) frame rate of the stream, {@code r_frame_rate}
 * @param frameCount        number of video frames
 * @param frameCountExact   true when {@code frameCount} comes from the container's sample table or
 *                          was counted from the packets; false when estimated as duration × average fps
 * @param variableFrameRate true when the average and nominal rates differ (frames are not evenly
 *                          spaced; frame indices are then derived from time at the average rate)
 * @param width             stored (coded) width in pixels, before rotation
 * @param height            stored (coded) height in pixels, before rotation
 * @param rotationDegrees   clockwise rotation to apply for display: 0, 90, 180 or 270
 * @param codec             video codec name, e.g. {@code h264}
 * @param pixelFormat       decoder pixel format, e.g. {@code yuv420p}
 * @param container         container format name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param hasAudio          whether the file also holds an audio stream
 * @param startSeconds      presentation time of the first frame
 * @param durationSource    where {@code durationSeconds} comes from
 */
public record VideoInfo(
        double durationSeconds,
        double averageFps,
        double nominalFps,
        long frameCount,
        boolean frameCountExact,
        boolean variableFrameRate,
        int width,
        int height,
        int rotationDegrees,
        String codec,
        String pixelFormat,
        String container,
        boolean hasAudio,
        double startSeconds,
        DurationSource durationSource) {

    /** Where a video's duration was read or measured. */
    public enum DurationSource {
        /** The video stream's own header (e.g. MP4's mdhd). */
        STREAM("stream"),
        /** The container's length: the video's own could not be found (it may include other streams). */
        CONTAINER("container"),
        /** Measured from the video packets' timestamps (the header had none, or contradicted itself). */
        PACKETS("packets"),
        /** Measured from the packets, but the bounded scan stopped before the end: a lower bound. */
        PACKETS_PARTIAL("packets-partial"),
        /**
         * The stream header's length, confirmed by the codec's frame rate or the container; the
         * packets' timestamps were more than 10× off it and are rescaled onto it (order kept).
         */
        STREAM_RESCALED("stream-rescaled");

        private final String id;

        DurationSource(String id) {
            this.id = id;
        }

        /** The stable name used in JSON output ({@code durationSource}). */
        public String id() {
            return id;
        }
    }

    /** A video whose duration comes from its stream header. */
    public VideoInfo(double durationSeconds, double averageFps, double nominalFps, long frameCount, boolean frameCountExact,
                     boolean variableFrameRate, int width, int height, int rotationDegrees, String codec, String pixelFormat,
                     String container, boolean hasAudio, double startSeconds) {
        this(durationSeconds, averageFps, nominalFps, frameCount, frameCountExact, variableFrameRate, width, height,
                rotationDegrees, codec, pixelFormat, container, hasAudio, startSeconds, DurationSource.STREAM);
    }

    /** Width after applying the display rotation. */
    public int displayWidth() {
        return rotationDegrees % 180 == 0 ? width : height;
    }

    /** Height after applying the display rotation. */
    public int displayHeight() {
        return rotationDegrees % 180 == 0 ? height : width;
    }
}
