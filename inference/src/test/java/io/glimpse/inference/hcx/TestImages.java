package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.media.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test inputs: the pattern of make_reference.py, its PNG references, the shared fixtures. */
final class TestImages {
    private TestImages() {
    }

    /** Same formula as {@code pattern()} in make_reference.py. */
    static RgbImage pattern(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) (x * 255 / (w - 1));
                px[i + 1] = (byte) (y * 255 / (h - 1));
                px[i + 2] = (byte) ((x / 16 + y / 16) % 2 == 1 ? 255 : 0);
            }
        }
        return RgbImage.wrap(w, h, px);
    }

    /** A PNG written by make_reference.py (classpath resource under /hcx). */
    static RgbImage reference(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/hcx/" + name)) {
            assertThat(in).as("resource /hcx/" + name).isNotNull();
            return RgbImage.fromBufferedImage(ImageIO.read(in), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest absolute per-sample difference; sizes must match. */
    static int maxAbsDiff(RgbImage a, RgbImage b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        byte[] x = a.toByteArray();
        byte[] y = b.toByteArray();
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((x[i] & 0xFF) - (y[i] & 0xFF)));
        }
        return max;
    }

    /** A fixture image under ../shared/fixtures/images, or the test is skipped. */
    static RgbImage fixture(String name) throws IOException {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures/images").resolve(name).normalize();
        assumeTrue(Files.isRegularFile(p), "fixture " + p + " absent; test skipped");
        return RgbImage.fromBufferedImage(ImageIO.read(p.toFile()), 0);
    }
}
