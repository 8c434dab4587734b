package io.glimpse.media.video;

/**
 * What {@link VideoProbe} reads from a video file's headers without decoding it all.
 *
 * @param durationSeconds   length of the video stream (container length when the stream has none)
 * @param averageFps        average frame rate (frames / duration), {@code avg_frame_rate}
 * @param nominalFps        nominal (base) frame rate of the stream, {@code r_frame_rate}
 * @param frameCount        number of video frames
 * @param frameCountExact   true when {@code frameCount} comes from the container's sample table;
 *                          false when estimated as duration × average fps
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
        double startSeconds) {

    /** Width after applying the display rotation. */
    public int displayWidth() {
        return rotationDegrees % 180 == 0 ? width : height;
    }

    /** Height after applying the display rotation. */
    public int displayHeight() {
        return rotationDegrees % 180 == 0 ? height : width;
    }
}
