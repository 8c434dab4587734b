package io.glimpse.media.image;

import io.glimpse.media.RgbImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real photos in {@code <repoRoot>/../shared/fixtures/images/}. Their README states that the
 * JDK's own ImageIO readers and Pillow 9.4 decode them to identical RGB, so the loader (which
 * prefers TwelveMonkeys for JPEG) is compared pixel for pixel with the JDK reader.
 */
class FixtureImagesTest {

    @ParameterizedTest(name = "{0} is {1}x{2} {3}")
    @CsvSource(textBlock = """
            australia.jpg, 1300,  876, JPEG
            cars.jpg,       467,  311, JPEG
            landscape.jpg, 1600, 1068, JPEG
            sheet.png,      487,  206, PNG
            10809054.jpg,  3840, 2160, JPEG
            """)
    void fixtureLoadsWithItsSizeAndTheJdkReadersPixels(String name, int width, int height, String format) throws Exception {
        Path file = fixtures().resolve(name);
        assumeTrue(Files.isRegularFile(file), "fixture missing: " + file);

        ImageInfo info = ImageLoader.defaults().probe(file);
        RgbImage image = ImageLoader.defaults().load(file);

        assertThat(info.formatName()).isEqualTo(format);
        assertThat(info.storedWidth()).isEqualTo(width);
        assertThat(info.storedHeight()).isEqualTo(height);
        assertThat(info.orientation()).isEqualTo(1);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        RgbImage jdk = RgbImage.fromBufferedImage(readWithJdk(file, format), 0xFFFFFF);
        assertThat(maxDifference(image, jdk)).as("max |diff| against the JDK reader").isZero();
    }

    private static Path fixtures() {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "system property glimpse.repoRoot not set (run through Maven surefire)");
        Path dir = Path.of(root).resolve("../shared/fixtures/images").normalize();
        assumeTrue(Files.isDirectory(dir), "fixture images not present at " + dir);
        return dir;
    }

    /** Decodes with the JDK's built-in reader (com.sun.imageio...), bypassing TwelveMonkeys. */
    private static BufferedImage readWithJdk(Path file, String format) throws Exception {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.toLowerCase());
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
                try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                    reader.setInput(in);
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        }
        throw new AssertionError("no JDK reader for " + format);
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        byte[] x = a.toByteArray();
        byte[] y = b.toByteArray();
        assertThat(x.length).isEqualTo(y.length);
        int max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((x[i] & 0xFF) - (y[i] & 0xFF)));
        }
        return max;
    }
}
