package io.glimpse.app.plan;

import io.glimpse.media.image.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Tells images from videos by their first bytes. Stateless and thread-safe. */
public final class MediaFiles {
    private MediaFiles() {
    }

    /** Whether the file starts like an image format Glimpse decodes (anything else goes to FFmpeg, which words its own errors). */
    public static boolean isImage(Path file) {
        return imageFormat(file).isPresent();
    }

    /** The image format the file's first bytes show, or empty (not a regular file, unreadable, or not an image). */
    public static Optional<ImageFormat> imageFormat(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty(); // the video probe words the error
        }
        byte[] head = new byte[ImageFormat.HEADER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return ImageFormat.detect(head, n);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
