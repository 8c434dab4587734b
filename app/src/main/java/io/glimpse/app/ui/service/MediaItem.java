package io.glimpse.app.ui.service;

import io.glimpse.media.RgbImage;
import io.glimpse.media.video.VideoInfo;
import java.nio.file.Path;

/**
 * One dropped file, probed: an image (loaded upright, kept for "what the model sees") or a video
 * (headers only). Immutable.
 *
 * @param file      the file
 * @param image     the upright image, or null for a video
 * @param video     the probed video, or null for an image
 * @param thumbnail a small picture for the media list (the image, or the video's first frame)
 */
public record MediaItem(Path file, RgbImage image, VideoInfo video, RgbImage thumbnail) {
    public boolean isVideo() {
        return video != null;
    }

    public String name() {
        return file.getFileName().toString();
    }

    /** Upright width of the image, or the video's display width. */
    public int width() {
        return video != null ? video.displayWidth() : image.width();
    }

    public int height() {
        return video != null ? video.displayHeight() : image.height();
    }

    /** One line for the media list, e.g. "1920x1080, 600.0 s, 30 fps". */
    public String summary() {
        if (video == null) {
            return width() + "x" + height() + " image";
        }
        return String.format(java.util.Locale.ROOT, "%dx%d, %.1f s, %.3g fps", width(), height(), video.durationSeconds(), video.averageFps());
    }
}
