package io.glimpse.media.image;

import io.glimpse.media.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXIF orientation 1..8 on a JPEG whose stored picture has red, green, blue and yellow
 * quadrants (top-left, top-right, bottom-left, bottom-right); the APP1 segment is written by
 * {@link Exif}. Quadrant interiors are compared within the JPEG tolerance.
 */
class OrientationTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @ParameterizedTest(name = "orientation {0}: {1}")
    @CsvSource(textBlock = """
            1, as stored,           FF0000, 00FF00, 0000FF, FFFF00
            2, mirrored,            00FF00, FF0000, FFFF00, 0000FF
            3, turned 180,          FFFF00, 0000FF, 00FF00, FF0000
            4, flipped vertically,  0000FF, FFFF00, FF0000, 00FF00
            5, transposed,          FF0000, 0000FF, 00FF00, FFFF00
            6, turned 90 clockwise, 0000FF, FF0000, FFFF00, 00FF00
            7, transversed,         FFFF00, 00FF00, 0000FF, FF0000
            8, turned 90 counter,   00FF00, FFFF00, FF0000, 0000FF
            """)
    void jpegExifOrientationIsApplied(int orientation, String meaning, String topLeft, String topRight,
                                      String bottomLeft, String bottomRight) throws Exception {
        byte[] jpeg = Exif.withOrientation(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), orientation);
        Path file = Files.write(dir.resolve("o" + orientation + ".jpg"), jpeg);
        boolean swapped = orientation >= 5;

        ImageInfo info = loader.probe(file);
        RgbImage image = loader.load(file);

        assertThat(info.orientation()).isEqualTo(orientation);
        assertThat(info.storedWidth()).isEqualTo(W);
        assertThat(info.uprightWidth()).isEqualTo(swapped ? H : W);
        assertThat(image.width()).isEqualTo(info.uprightWidth());
        assertThat(image.height()).isEqualTo(info.uprightHeight());
        int err = quadrantError(image, hex(topLeft), hex(topRight), hex(bottomLeft), hex(bottomRight));
        assertThat(err).as("max channel error for orientation %d (%s)", orientation, meaning)
                .isLessThanOrEqualTo(JpegLoadingTest.TOLERANCE);
    }

    @Test
    void orientationOutOfRangeIsIgnored() throws Exception {
        byte[] jpeg = Exif.withOrientation(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), 9);
        Path file = Files.write(dir.resolve("o9.jpg"), jpeg);

        assertThat(loader.probe(file).orientation()).isEqualTo(1);
        assertThat(quadrantError(loader.load(file), RED, GREEN, BLUE, YELLOW)).isLessThanOrEqualTo(JpegLoadingTest.TOLERANCE);
    }

    @Test
    void brokenExifBlockDoesNotStopLoading() throws Exception {
        byte[] jpeg = Exif.withOrientation(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), 6);
        jpeg[12] = 'X'; // the TIFF byte-order mark "MM" becomes "XX": the Exif block is unreadable
        jpeg[13] = 'X';
        Path file = Files.write(dir.resolve("broken-exif.jpg"), jpeg);

        RgbImage image = loader.load(file);

        assertThat(loader.probe(file).orientation()).isEqualTo(1);
        assertThat(image.width()).isEqualTo(W);
        assertThat(quadrantError(image, RED, GREEN, BLUE, YELLOW)).isLessThanOrEqualTo(JpegLoadingTest.TOLERANCE);
    }

    /** PNG carries EXIF in an eXIf chunk (PNG 1.5 extension); Pillow's exif_transpose honours it too. */
    @Test
    void pngExifChunkOrientationIsApplied() throws Exception {
        byte[] png = Files.readAllBytes(write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("plain.png")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(png, 0, 33); // signature (8) + IHDR chunk (25)
        BadInputTest.chunk(out, "eXIf", Exif.tiffWithOrientation(6));
        out.write(png, 33, png.length - 33);
        Path file = Files.write(dir.resolve("exif6.png"), out.toByteArray());

        RgbImage image = loader.load(file);

        assertThat(loader.probe(file).orientation()).isEqualTo(6);
        assertThat(image.width()).isEqualTo(H);
        assertThat(image.height()).isEqualTo(W);
        assertThat(quadrantError(image, BLUE, RED, YELLOW, GREEN)).isZero();
    }

    private static int hex(String rgb) {
        return Integer.parseInt(rgb.strip(), 16);
    }
}
