package io.glimpse.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import io.glimpse.media.MediaException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Refuses files that FFmpeg opens with one of its still-image readers: {@code image2} (chosen by
 * the file name when the first bytes match nothing, e.g. a JPEG whose magic is damaged) and the
 * {@code *_pipe} readers ({@code png_pipe}, {@code jpeg_pipe}, {@code tiff_pipe}, ...), which
 * would otherwise probe as a one-frame "video" of 25 fps. Animated formats have demuxers of their
 * own ({@code gif}, {@code apng}, {@code yuv4mpegpipe}) and stay videos. Stateless and thread-safe.
 */
final class StillImageDemuxers {
    private StillImageDemuxers() {
    }

    static boolean isStillImageReader(String demuxer) {
        return demuxer.equals("image2") || demuxer.equals("image2pipe") || demuxer.endsWith("_pipe");
    }

    /** Throws the one-line refusal when {@code format} was opened by a still-image reader. */
    static void refuse(Path file, AVFormatContext format) throws MediaException {
        String demuxer = format.iformat().name().getString();
        if (!isStillImageReader(demuxer)) {
            return;
        }
        String image = format.nb_streams() > 0
                ? imageFormatName(avcodec_get_name(format.streams(0).codecpar().codec_id()).getString())
                : "an image";
        if (demuxer.equals("image2")) {
            // image2 goes by the file's name only, so the bytes did not look like the format it names.
            throw new MediaException(file, "not an image or video Glimpse can read: its name says " + image
                    + " but its bytes are not " + article(image) + " (a damaged file, or another kind of file renamed)");
        }
        throw new MediaException(file, "not a video: FFmpeg reads it as a still image (" + demuxer + ": " + image + ")");
    }

    /** The usual name of the image format a still-image codec decodes. */
    static String imageFormatName(String codec) {
        return switch (codec) {
            case "mjpeg", "jpegls" -> "JPEG";
            case "webp" -> "WebP";
            case "jpeg2000" -> "JPEG 2000";
            default -> codec.toUpperCase(Locale.ROOT);
        };
    }

    private static String article(String format) {
        return ("AEFHILMNORSX".indexOf(format.charAt(0)) >= 0 ? "an " : "a ") + format;
    }
}
