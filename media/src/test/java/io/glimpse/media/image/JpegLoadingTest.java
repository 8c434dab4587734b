package io.glimpse.media.image;

import io.glimpse.media.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Iterator;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;

/** JPEG variants, all lossy: flat quadrant interiors must be within {@value #TOLERANCE} per channel. */
class JpegLoadingTest {
    /** Allowed per-channel error on flat colour regions of a quality-0.9 JPEG. */
    static final int TOLERANCE = 12;

    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @Test
    void baselineJpegDecodesWithinTolerance() throws Exception {
        Path file = write(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), dir.resolve("baseline.jpg"));

        RgbImage image = loader.load(file);

        assertThat(image.width()).isEqualTo(W);
        assertThat(image.height()).isEqualTo(H);
        int err = quadrantError(image, RED, GREEN, BLUE, YELLOW);
        report("baseline JPEG q0.9", err);
        assertThat(err).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void progressiveJpegDecodesWithinTolerance() throws Exception {
        byte[] bytes = jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), true);
        assertThat(hasMarker(bytes, 0xC2)).as("file is progressive (SOF2)").isTrue();
        Path file = write(bytes, dir.resolve("progressive.jpg"));

        RgbImage image = loader.load(file);

        int err = quadrantError(image, RED, GREEN, BLUE, YELLOW);
        report("progressive JPEG q0.9", err);
        assertThat(err).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void grayscaleJpegIsExpandedToEqualChannelsWithoutGammaShift() throws Exception {
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = gray.getRaster();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                raster.setSample(x, y, 0, x < W / 2 ? 128 : 40);
            }
        }
        Path file = write(jpegBytes(gray, false), dir.resolve("gray.jpg"));

        RgbImage image = loader.load(file);

        for (int c = 0; c < 3; c++) {
            assertThat(image.sample(10, 20, c)).isCloseTo(128, org.assertj.core.data.Offset.offset(2));
            assertThat(image.sample(50, 20, c)).isCloseTo(40, org.assertj.core.data.Offset.offset(2));
        }
        assertThat(image.sample(10, 20, 0)).isEqualTo(image.sample(10, 20, 1)).isEqualTo(image.sample(10, 20, 2));
    }

    /**
     * A 4-channel JPEG written from a raster by the JDK writer, plus an Adobe APP14 marker
     * (transform 0: CMYK, stored inverted as Photoshop does) inserted by the test, since the JDK
     * writer adds none. TwelveMonkeys converts CMYK to RGB (through the embedded ICC profile or
     * its default CMYK conversion), so colours are only checked approximately.
     */
    @Test
    void cmykJpegIsConvertedToRgb() throws Exception {
        Path file = dir.resolve("cmyk.jpg");
        writeAdobeJpeg(file, false);

        assertInkQuadrants(loader.load(file), "CMYK");
    }

    /** Same inks stored as YCCK (Adobe transform 2), as Photoshop writes CMYK JPEGs. */
    @Test
    void ycckJpegIsConvertedToRgb() throws Exception {
        Path file = dir.resolve("ycck.jpg");
        writeAdobeJpeg(file, true);

        assertInkQuadrants(loader.load(file), "YCCK");
    }

    private static void assertInkQuadrants(RgbImage image, String kind) {
        assertThat(image.width()).isEqualTo(W);
        assertThat(image.height()).isEqualTo(H);
        int white = image.rgbAt(W / 4, H / 4);
        int cyan = image.rgbAt(3 * W / 4, H / 4);
        int magenta = image.rgbAt(W / 4, 3 * H / 4);
        int black = image.rgbAt(3 * W / 4, 3 * H / 4);
        System.out.printf("[measured] %s JPEG: no ink -> %06X, C -> %06X, M -> %06X, K -> %06X%n", kind, white, cyan, magenta, black);
        assertThat(channels(white)).allMatch(v -> v >= 230);
        assertThat(red(cyan)).isLessThan(100);
        assertThat(green(cyan)).isGreaterThan(130);
        assertThat(blue(cyan)).isGreaterThan(180);
        assertThat(green(magenta)).isLessThan(100);
        assertThat(red(magenta)).isGreaterThan(180);
        assertThat(blue(magenta)).isGreaterThan(100);
        assertThat(channels(black)).allMatch(v -> v <= 60);
    }

    /**
     * ImageIO would convert this JPEG's embedded linear-RGB profile to sRGB (0x808040 becomes
     * about 0xBCBC8B); Pillow's convert("RGB") ignores the profile, and so does the loader.
     */
    @Test
    void embeddedIccProfileOfRgbJpegIsIgnoredLikePillow() throws Exception {
        BufferedImage flat = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = flat.createGraphics();
        g.setColor(new java.awt.Color(0x808040));
        g.fillRect(0, 0, W, H);
        g.dispose();
        byte[] jpeg = jpegBytes(flat, false);
        byte[] icc = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 14 + icc.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {1, 1}); // chunk 1 of 1
        out.writeBytes(icc);
        out.write(jpeg, 2, jpeg.length - 2);
        Path file = java.nio.file.Files.write(dir.resolve("linear-profile.jpg"), out.toByteArray());
        assertThat(ImageIO.read(file.toFile()).getRGB(W / 2, H / 2) & 0xFFFFFF).as("ImageIO alone converts")
                .isNotEqualTo(0x808040);

        RgbImage image = loader.load(file);

        assertThat(regionError(image, 8, 8, W - 8, H - 8, 0x808040)).isLessThanOrEqualTo(2);
    }

    @Test
    void jpegWithMisleadingPngExtensionIsDetectedByContent() throws Exception {
        Path file = write(jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false), dir.resolve("photo.png"));

        assertThat(loader.probe(file).formatName()).isEqualTo("JPEG");
        assertThat(quadrantError(loader.load(file), RED, GREEN, BLUE, YELLOW)).isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * Writes quadrants of ink (none, full cyan, full magenta, full black; 255 = full) as a
     * 4-channel JPEG with an Adobe APP14 marker: transform 0 stores CMYK inverted, as Photoshop
     * does; transform 2 (YCCK) stores the inverted C, M, Y as YCbCr (libjpeg's
     * cmyk_ycck_convert: R = ink C, G = ink M, B = ink Y) and K inverted.
     */
    static void writeAdobeJpeg(Path file, boolean ycck) throws Exception {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, W, H, 4, null);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] ink = y < H / 2 ? (x < W / 2 ? new int[] {0, 0, 0, 0} : new int[] {255, 0, 0, 0})
                        : (x < W / 2 ? new int[] {0, 255, 0, 0} : new int[] {0, 0, 0, 255});
                int[] stored = new int[4];
                if (ycck) {
                    double r = ink[0];
                    double g = ink[1];
                    double b = ink[2];
                    stored[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
                    stored[1] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
                    stored[2] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
                } else {
                    for (int c = 0; c < 3; c++) {
                        stored[c] = 255 - ink[c];
                    }
                }
                stored[3] = 255 - ink[3];
                raster.setPixel(x, y, stored);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        byte transform = (byte) (ycck ? 2 : 0);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, transform};
        java.io.ByteArrayOutputStream withAdobe = new java.io.ByteArrayOutputStream();
        withAdobe.write(jpeg, 0, 2);
        withAdobe.writeBytes(adobe);
        withAdobe.write(jpeg, 2, jpeg.length - 2);
        java.nio.file.Files.write(file, withAdobe.toByteArray());
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter first = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
            first = first == null ? w : first;
        }
        return first;
    }

    static boolean hasMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    private static java.util.List<Integer> channels(int rgb) {
        return java.util.List.of(red(rgb), green(rgb), blue(rgb));
    }
}
