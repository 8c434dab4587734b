package io.glimpse.media.video;

import io.glimpse.media.MediaException;
import java.nio.file.Path;

/** Reads a video's properties from its headers (no full decode). Stateless and thread-safe. */
public final class VideoProbe {
    private VideoProbe() {
    }

    /**
     * @throws MediaException for a missing, empty or unreadable file, data FFmpeg cannot read, or a
     *                        file without a video stream
     */
    public static VideoInfo probe(Path file) throws MediaException {
        try (VideoDecoder decoder = VideoDecoder.open(file)) {
            return decoder.info();
        }
    }
}
