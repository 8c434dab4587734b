package io.glimpse.media.image;

import io.glimpse.media.MediaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static io.glimpse.media.image.TestImages.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Every bad input gets its own test and a one-line message that names the file. */
class BadInputTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = ImageLoader.defaults();

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nowhere.jpg");

        assertProblem(file, "file not found");
    }

    @Test
    void directoryIsReported() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("photos.jpg"));

        assertProblem(sub, "is a directory, not a file");
    }

    @Test
    void emptyFileIsReported() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.png"));

        assertProblem(file, "file is empty (0 bytes)");
    }

    @Test
    void unreadableFileIsReported() throws Exception {
        Path file = write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("secret.png"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions cannot make a file unreadable");

        assertProblem(file, "file is not readable (permission denied)");
    }

    @Test
    void textFileIsNotAnImage() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.jpg"), "just some words\n");

        assertProblem(file, "unsupported image format (not an image)");
    }

    @Test
    void tiffIsNamedAsUnsupported() throws Exception {
        Path file = write(quadrants(BufferedImage.TYPE_INT_RGB), "tiff", dir.resolve("scan.tif"));

        assertProblem(file, "unsupported image format (TIFF)");
    }

    @Test
    void pdfIsNamedAsUnsupported() throws Exception {
        Path file = Files.writeString(dir.resolve("doc.png"), "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", StandardCharsets.ISO_8859_1);

        assertProblem(file, "unsupported image format (PDF)");
    }

    @Test
    void avifIsNamedAsUnsupported() throws Exception {
        byte[] ftyp = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0,
            'a', 'v', 'i', 'f', 'm', 'i', 'f', '1', 'm', 'i', 'a', 'f', 'M', 'A', '1', 'B'};
        Path file = write(ftyp, dir.resolve("photo.heic"));

        assertProblem(file, "unsupported image format (AVIF)");
    }

    @Test
    void truncatedJpegIsRefused() throws Exception {
        byte[] jpeg = jpegBytes(noise(256, 256), false);
        Path file = write(Arrays.copyOf(jpeg, jpeg.length / 2), dir.resolve("cut.jpg"));

        MediaException e = load(file);

        assertThat(e.getMessage()).startsWith(file + ": corrupt or truncated JPEG data: ");
        System.out.println("[message] " + e.getMessage());
    }

    @Test
    void truncatedProgressiveJpegIsRefused() throws Exception {
        byte[] jpeg = jpegBytes(noise(256, 256), true);
        Path file = write(Arrays.copyOf(jpeg, jpeg.length * 2 / 3), dir.resolve("cut-progressive.jpg"));

        MediaException e = load(file);

        assertThat(e.getMessage()).startsWith(file + ": corrupt or truncated JPEG data: ");
    }

    @Test
    void jpegWithOnlyAHeaderStartIsRefused() throws Exception {
        Path file = write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'}, dir.resolve("stub.jpg"));

        MediaException e = load(file);

        assertThat(e.getMessage()).startsWith(file + ": corrupt ");
        System.out.println("[message] " + e.getMessage());
    }

    @Test
    void truncatedPngIsRefused() throws Exception {
        Path full = write(noise(256, 256), "png", dir.resolve("full.png"));
        byte[] png = Files.readAllBytes(full);
        Path file = write(Arrays.copyOf(png, png.length / 2), dir.resolve("cut.png"));

        MediaException e = load(file);

        assertThat(e.getMessage()).startsWith(file + ": corrupt or truncated PNG data: ");
        System.out.println("[message] " + e.getMessage());
    }

    @Test
    void truncatedGifIsRefused() throws Exception {
        Path full = write(noise(256, 256), "gif", dir.resolve("full.gif"));
        byte[] gif = Files.readAllBytes(full);
        Path file = write(Arrays.copyOf(gif, 40), dir.resolve("cut.gif"));

        MediaException e = load(file);

        assertThat(e.getMessage()).startsWith(file + ": corrupt");
        System.out.println("[message] " + e.getMessage());
    }

    @Test
    void pngDeclaring60000x60000IsRefusedBeforeDecoding() throws Exception {
        Path file = write(hugePng(60000, 60000), dir.resolve("bomb.png"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertProblem(file,
                "image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP"));
        assertThat(loader.probe(file).pixels()).isEqualTo(3_600_000_000L);
        assertThat(catchThrowableOfType(() -> loader.probeLoadable(file), MediaException.class))
                .hasMessage(file + ": image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP");
    }

    @Test
    void jpegDeclaring60000x60000IsRefusedBeforeDecoding() throws Exception {
        byte[] jpeg = jpegBytes(quadrants(BufferedImage.TYPE_INT_RGB), false);
        int sof = indexOfMarker(jpeg, 0xC0);
        jpeg[sof + 5] = (byte) (60000 >> 8); // height
        jpeg[sof + 6] = (byte) (60000 & 0xFF);
        jpeg[sof + 7] = (byte) (60000 >> 8); // width
        jpeg[sof + 8] = (byte) (60000 & 0xFF);
        Path file = write(jpeg, dir.resolve("bomb.jpg"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertProblem(file,
                "image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP"));
    }

    @Test
    void lowerPixelLimitIsHonoured() throws Exception {
        Path file = write(quadrants(BufferedImage.TYPE_INT_RGB), "png", dir.resolve("small.png"));

        assertThat(catchThrowableOfType(MediaException.class, () -> loader.withMaxPixels(3000).load(file)))
                .hasMessage(file + ": image is 64x48 (0.0 MP), over the limit of 0.0 MP");
        assertThat(loader.withMaxPixels(64 * 48).load(file).width()).isEqualTo(64);
    }

    private void assertProblem(Path file, String problem) {
        assertThat(load(file)).hasMessage(file + ": " + problem);
    }

    /** Loads, expecting a one-line MediaException without a leaked stack trace. */
    private MediaException load(Path file) {
        MediaException e = catchThrowableOfType(MediaException.class, () -> loader.load(file));
        assertThat(e).as("loading %s must fail", file).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\tat ").doesNotContainIgnoringCase("exception:");
        return e;
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
    }

    /** A PNG whose IHDR (with a correct CRC) declares width x height RGB, followed by a tiny IDAT and IEND. */
    static byte[] hugePng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        chunk(out, "IHDR", ihdr);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Writes one PNG chunk: length, type, data, CRC-32 of type and data. */
    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
