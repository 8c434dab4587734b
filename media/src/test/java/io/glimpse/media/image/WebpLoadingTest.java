package io.glimpse.media.image;

import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA420P;

/**
 * WebP files written by FFmpeg's libwebp encoder (JavaCV {@link FFmpegFrameRecorder}, format
 * "webp", codec "libwebp"): lossy (VP8), lossless (VP8L) and lossy with alpha (VP8X + ALPH).
 */
class WebpLoadingTest {
    /** Allowed per-channel error on flat regions of lossy WebP (default quality). */
    static final int LOSSY_TOLERANCE = 12;

    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @Test
    void lossyWebpDecodesWithinTolerance() throws Exception {
        Path file = writeWebp(quadrants(BufferedImage.TYPE_INT_ARGB), Mode.LOSSY, dir.resolve("lossy.webp"));
        assertThat(chunk(file)).isEqualTo("VP8 ");

        RgbImage image = loader.load(file);

        assertThat(loader.probe(file).formatName()).isEqualTo("WebP");
        int err = quadrantError(image, RED, GREEN, BLUE, YELLOW);
        report("lossy WebP", err);
        assertThat(err).isLessThanOrEqualTo(LOSSY_TOLERANCE);
    }

    @Test
    void losslessWebpIsExact() throws Exception {
        Path file = writeWebp(quadrants(BufferedImage.TYPE_INT_ARGB), Mode.LOSSLESS, dir.resolve("lossless.webp"));
        assertThat(chunk(file)).isEqualTo("VP8L");

        assertExactQuadrants(loader.load(file));
    }

    @Test
    void webpAlphaIsCompositedOverTheBackground() throws Exception {
        BufferedImage picture = quadrants(BufferedImage.TYPE_INT_ARGB);
        for (int y = H / 2; y < H; y++) {
            for (int x = 0; x < W; x++) {
                picture.setRGB(x, y, 0x00000000); // bottom half fully transparent
            }
        }
        Path file = writeWebp(picture, Mode.LOSSY_ALPHA, dir.resolve("alpha.webp"));
        assertThat(chunk(file)).isEqualTo("VP8X");

        RgbImage onWhite = loader.load(file);
        RgbImage onGrey = loader.withBackground(0x404040).load(file);

        int err = Math.max(quadrantError(onWhite, RED, GREEN, 0xFFFFFF, 0xFFFFFF),
                quadrantError(onGrey, RED, GREEN, 0x404040, 0x404040));
        report("lossy WebP with alpha", err);
        assertThat(err).isLessThanOrEqualTo(LOSSY_TOLERANCE);
    }

    @Test
    void truncatedWebpIsRefused() throws Exception {
        Path full = writeWebp(BadInputTest.noise(128, 128), Mode.LOSSY, dir.resolve("full.webp"));
        byte[] bytes = Files.readAllBytes(full);
        Path file = Files.write(dir.resolve("cut.webp"), Arrays.copyOf(bytes, bytes.length / 2));

        MediaException e = catchThrowableOfType(MediaException.class, () -> loader.load(file));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ": corrupt").doesNotContain("\n");
        System.out.println("[message] " + e.getMessage());
    }

    enum Mode { LOSSY, LOSSLESS, LOSSY_ALPHA }

    /** Encodes {@code image} (any type; alpha kept) as a single-frame WebP through FFmpeg. */
    static Path writeWebp(BufferedImage image, Mode mode, Path file) throws Exception {
        int w = image.getWidth();
        int h = image.getHeight();
        Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 4);
        ByteBuffer bgra = (ByteBuffer) frame.image[0];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int i = y * frame.imageStride + x * 4;
                bgra.put(i, (byte) argb);
                bgra.put(i + 1, (byte) (argb >> 8));
                bgra.put(i + 2, (byte) (argb >> 16));
                bgra.put(i + 3, (byte) (argb >>> 24));
            }
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 0)) {
            recorder.setFormat("webp");
            recorder.setVideoCodecName("libwebp");
            recorder.setPixelFormat(switch (mode) {
                case LOSSY -> AV_PIX_FMT_YUV420P;
                case LOSSLESS -> AV_PIX_FMT_BGRA;
                case LOSSY_ALPHA -> AV_PIX_FMT_YUVA420P;
            });
            if (mode == Mode.LOSSLESS) {
                recorder.setVideoOption("lossless", "1");
            }
            recorder.setFrameRate(1);
            recorder.start();
            recorder.record(frame, AV_PIX_FMT_BGRA);
            recorder.stop();
        }
        return file;
    }

    /** The first chunk's FourCC after "RIFF....WEBP". */
    private static String chunk(Path file) throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 16);
        return new String(head, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
