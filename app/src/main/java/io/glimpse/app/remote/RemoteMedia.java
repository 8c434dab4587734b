package io.glimpse.app.remote;

import io.glimpse.app.plan.MediaFiles;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.image.ImageFormat;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.SampledFrame;
import io.glimpse.media.video.SamplingReport;
import io.glimpse.media.video.SamplingRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns the request's media into what goes over the wire: an image as a data URL of the original
 * file's bytes (the server runs its own processor, AnyRes included, on exactly the picture the ledger
 * priced), a video as the frames Glimpse sampled, JPEG-encoded. Stateless and thread-safe.
 */
public final class RemoteMedia {
    private RemoteMedia() {
    }

    /** The frames sent for one video: their count is what the ledger prices. */
    public record Frames(Path file, List<String> jpegBase64, double durationSeconds) {
        public Frames {
            jpegBase64 = List.copyOf(jpegBase64);
        }

        /**
         * vLLM's form for pre-sampled frames: one {@code data:video/jpeg} URL with the frames'
         * base64 joined by commas, so the server prices them as one video, not as separate images.
         */
        public String dataUrl() {
            return "data:video/jpeg;base64," + String.join(",", jpegBase64);
        }
    }

    /** The file's own bytes as a data URL; refuses what is not an image Glimpse recognises. */
    public static String imageDataUrl(Path file) throws MediaException {
        ImageFormat format = MediaFiles.imageFormat(file)
                .orElseThrow(() -> new MediaException(file, "not an image Glimpse recognises (JPEG, PNG, BMP, GIF, WebP, HEIF)"));
        try {
            byte[] bytes = Files.readAllBytes(file);
            return "data:image/" + format.name().toLowerCase(Locale.ROOT) + ";base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new MediaException(file, "cannot read: " + e.getMessage());
        }
    }

    /** Samples the video with {@link FrameSampler}, as the local engine does, and JPEG-encodes each delivered frame. */
    public static Frames videoFrames(Path file, SamplingRequest sampling, CancelToken cancel) throws MediaException {
        List<String> frames = new ArrayList<>();
        SamplingReport report;
        try {
            report = FrameSampler.sample(file, sampling, f -> frames.add(jpeg(f)), cancel, ProgressListener.NONE);
        } catch (UncheckedIOException e) {
            throw new MediaException(file, "cannot encode a frame as JPEG: " + e.getCause().getMessage());
        }
        if (frames.isEmpty()) {
            throw new MediaException(file, "no frame could be used (all " + report.dropped().size()
                    + " sampled frames were near-duplicates or undecodable)");
        }
        // the span the local engine gives the ledger: the plan's range, not the first-to-last frame
        return new Frames(file, frames, report.plan().endSeconds() - report.plan().startSeconds());
    }

    private static String jpeg(SampledFrame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(frame.image().toBufferedImage(), "jpg", out)) {
                throw new IOException("no JPEG writer installed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
