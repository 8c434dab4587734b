package io.glimpse.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files crafted to make a metadata reader allocate or inflate gigabytes, and headers declaring no
 * pixels. Memory is asserted as the bytes this thread allocated on the heap during the call
 * ({@code com.sun.management.ThreadMXBean}), which does not depend on timing or on the GC.
 */
class HostileMetadataTest {
    /** A probe of a small file reads a few headers; the JPEG/PNG readers' own buffers stay well under this. */
    private static final long PROBE_ALLOCATION_LIMIT = 8L << 20;

    /**
     * 2x1 lossless WebP (left red, right blue) with an EXIF chunk holding orientation 6, as Pillow 9.4
     * writes it: {@code im.save(b, "WEBP", lossless=True, exif=<big-endian TIFF, IFD0: 274 = 6>)}.
     */
    private static final String WEBP_2X1_ORIENTATION_6 = "524946465200000057454250565038580a000000080000000100000000005650384c"
            + "110000002f010000000f10f3bffff31f0e32a2ff0100455849461a0000004d4d002a00000008000101120003000000010006000000000000";
    /** 16x8 lossy WebP (Pillow 9.4, quality 80) whose VP8 frame header is patched below. */
    private static final String WEBP_16X8_LOSSY = "524946463a00000057454250565038202e0000001002009d012a1000080001402625a00274ba01f8"
            + "01f80003c800fecbb7ffd34518531f726ffeef3600c25ff08000";

    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @Test
    void zTxtChunkInflatingTo256MegabytesIsNeverInflated() throws Exception {
        Path file = dir.resolve("bomb.png");
        Files.write(file, pngWithChunkAfterHeader("zTXt", zTxtBomb(256 << 20)));
        assertThat(Files.size(file)).isLessThan(1 << 20);

        long allocated = allocatedDuring(() -> assertThat(loader.probe(file)).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 48, 1)));
        assertThat(allocated).isLessThan(PROBE_ALLOCATION_LIMIT);

        RgbImage[] image = new RgbImage[1];
        allocated = allocatedDuring(() -> image[0] = loader.load(file));
        assertThat(image[0].width()).isEqualTo(64);
        assertThat(image[0].rgbAt(10, 10)).isEqualTo(0xC81E1E);
        assertThat(allocated).isLessThan(32L << 20);
    }

    @Test
    void textChunkClaimingTwoGigabytesIsNotAllocated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] png = plainPng();
        out.write(png, 0, 33);
        out.writeBytes(ByteBuffer.allocate(8).putInt(0x7FFFFFF0).put("tEXt".getBytes()).array());
        out.writeBytes(new byte[34_000]);
        Path file = Files.write(dir.resolve("lying-text.png"), out.toByteArray());

        long allocated = allocatedDuring(() -> assertThat(loader.probe(file).orientation()).isEqualTo(1));
        assertThat(allocated).isLessThan(PROBE_ALLOCATION_LIMIT);
        MediaException e = catchThrowableOfType(() -> loader.load(file), MediaException.class);
        assertThat(e).hasMessage(file + ": corrupt or truncated PNG data: Error skipping PNG metadata (unexpected end of file)");
    }

    @Test
    void chunkLengthOfHalfAGigabyteIsNotAllocated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] png = plainPng();
        out.write(png, 0, 33);
        out.writeBytes(ByteBuffer.allocate(8).putInt(541_000_000).put("cHRM".getBytes()).array());
        out.writeBytes(new byte[10_000]);
        out.write(png, 33, png.length - 33);
        Path file = Files.write(dir.resolve("lying-chrm.png"), out.toByteArray());

        long allocated = allocatedDuring(() -> assertThat(loader.probe(file).storedWidth()).isEqualTo(64));
        assertThat(allocated).isLessThan(PROBE_ALLOCATION_LIMIT);
        assertThat(catchThrowableOfType(() -> loader.load(file), MediaException.class))
                .hasMessageContaining("corrupt or truncated PNG data");
    }

    @Test
    void webpExifChunkClaimingTwoGigabytesIsNotAllocated() throws Exception {
        byte[] webp = HexFormat.of().parseHex(WEBP_2X1_ORIENTATION_6);
        int exif = indexOf(webp, "EXIF");
        ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putInt(exif + 4, 0x7FFFFFF0);
        byte[] padded = java.util.Arrays.copyOf(webp, webp.length + 11_000);
        Path file = Files.write(dir.resolve("lying-exif.webp"), padded);

        long allocated = allocatedDuring(() -> assertThat(loader.probe(file)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 2, 1, 1)));
        assertThat(allocated).isLessThan(PROBE_ALLOCATION_LIMIT);
        long[] loadAllocated = {0};
        loadAllocated[0] = allocatedDuring(() -> assertThat(loader.load(file).width()).isEqualTo(2));
        assertThat(loadAllocated[0]).isLessThan(32L << 20);
    }

    @Test
    void webpExifOrientationIsApplied() throws Exception {
        Path file = Files.write(dir.resolve("exif6.webp"), HexFormat.of().parseHex(WEBP_2X1_ORIENTATION_6));

        RgbImage image = loader.load(file);

        assertThat(loader.probe(file).orientation()).isEqualTo(6);
        assertThat(image.width()).isEqualTo(1);
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.rgbAt(0, 0)).isEqualTo(0xFF0000); // the left pixel turns to the top
        assertThat(image.rgbAt(0, 1)).isEqualTo(0x0000FF);
    }

    @Test
    void littleEndianExifAfterTheImageDataIsRead() throws Exception {
        byte[] png = plainPng();
        int iend = png.length - 12;
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        BadInputTest.chunk(out, "eXIf", tiff);
        out.write(png, iend, 12);
        Path file = Files.write(dir.resolve("exif-after-idat.png"), out.toByteArray());

        assertThat(loader.probe(file)).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 48, 8));
    }

    @Test
    void exifWhoseIfdPointsOutsideTheBlockCountsAsUpright() throws Exception {
        byte[] tiff = Exif.tiffWithOrientation(6);
        tiff[7] = (byte) 0xF0; // IFD0 at offset 240, beyond the 26-byte block
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] png = plainPng();
        out.write(png, 0, 33);
        BadInputTest.chunk(out, "eXIf", tiff);
        out.write(png, 33, png.length - 33);
        Path file = Files.write(dir.resolve("exif-out-of-bounds.png"), out.toByteArray());

        assertThat(loader.probe(file).orientation()).isEqualTo(1);
        assertThat(loader.load(file).width()).isEqualTo(64);
    }

    @ParameterizedTest(name = "{0} declaring {1}x{2}")
    @CsvSource({"jpeg, 0, 480", "jpeg, 640, 0", "jpeg, 0, 0", "gif, 0, 480", "gif, 640, 0", "gif, 0, 0", "webp, 0, 8", "webp, 16, 0"})
    void headersDeclaringNoPixelsAreRefusedNamingTheFile(String format, int width, int height) throws Exception {
        byte[] bytes = switch (format) {
            case "jpeg" -> {
                byte[] jpeg = encoded("jpeg");
                int sof = BadInputTest.indexOfMarker(jpeg, 0xC0);
                ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) height).putShort(sof + 7, (short) width);
                yield jpeg;
            }
            case "gif" -> {
                byte[] gif = encoded("gif");
                int descriptor = indexOf(gif, "\u002c\u0000\u0000\u0000\u0000\u0040\u0000\u0030\u0000"); // image separator, left 0, top 0, 64x48
                ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
                b.putShort(6, (short) width).putShort(8, (short) height);
                b.putShort(descriptor + 5, (short) width).putShort(descriptor + 7, (short) height);
                yield gif;
            }
            default -> {
                byte[] webp = HexFormat.of().parseHex(WEBP_16X8_LOSSY);
                int start = indexOf(webp, "\u009d\u0001\u002a"); // VP8 key frame start code, then 14-bit width and height
                ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).putShort(start + 3, (short) width).putShort(start + 5, (short) height);
                yield webp;
            }
        };
        Path file = Files.write(dir.resolve("zero." + format), bytes);
        String expected = file + ": corrupt " + (format.equals("webp") ? "WebP" : format.toUpperCase())
                + " header: it declares a size of " + width + "x" + height + " pixels";

        assertThat(catchThrowableOfType(() -> loader.probe(file), MediaException.class)).hasMessage(expected);
        assertThat(catchThrowableOfType(() -> loader.load(file), MediaException.class)).hasMessage(expected);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long allocatedDuring(Call call) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        call.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** zTXt payload: keyword, separator, method 0, then {@code inflated} zero bytes deflated (about 1/1000 of that). */
    private static byte[] zTxtBomb(int inflated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Comment\0\0".getBytes());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < inflated / zeros.length; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] pngWithChunkAfterHeader(String type, byte[] data) throws Exception {
        byte[] png = plainPng();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature (8) + IHDR chunk (25)
        BadInputTest.chunk(out, type, data);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** 64x48, filled with 0xC81E1E. */
    private static byte[] plainPng() throws Exception {
        return encodedFilled("png");
    }

    private static byte[] encoded(String format) throws Exception {
        return encodedFilled(format);
    }

    private static byte[] encodedFilled(String format) throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, 0xC81E1E);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, String latin1) {
        byte[] needle = latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + latin1);
    }
}
