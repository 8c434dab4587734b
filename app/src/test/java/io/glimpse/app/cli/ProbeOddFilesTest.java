package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse probe} on files that are neither a decodable image nor a video: exit 3, one line. */
class ProbeOddFilesTest {
    @TempDir
    Path dir;

    private static int glimpse(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void jpegWithDamagedMagicExitsThreeSayingWhatItIs() throws Exception {
        Path jpeg = dir.resolve("photo.jpg");
        assertThat(ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", jpeg.toFile())).isTrue();
        byte[] bytes = Files.readAllBytes(jpeg);
        bytes[0] = 0;
        bytes[1] = 0;
        Files.write(jpeg, bytes);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "probe", jpeg.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("glimpse: " + jpeg
                + ": not an image or video Glimpse can read: its name says JPEG but its bytes are not a JPEG (a damaged file, or another kind of file renamed)"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void planRefusesAnImageOverThePixelLimitAsAskWould() throws Exception {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderDeclaring(60000, 60000));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "plan", "--profile", "hcx-seed-vision-3b", "--image", huge.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("glimpse: " + huge + ": image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void probeSaysWhereTheDurationCameFrom() throws Exception {
        Path mp4 = dir.resolve("clip.mp4");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "sample-video", mp4.toString(), "--size", "64x48", "--seconds", "2", "--fps", "10"))
                .as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(glimpse(out, err, "probe", mp4.toString(), "--json")).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).get("durationSource").asText()).isEqualTo("stream");

        // mdhd duration 0: the length is measured from the packets, and the text says so.
        byte[] bytes = Files.readAllBytes(mp4);
        int mdhd = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("mdhd");
        int duration = mdhd + 4 + 4 + (bytes[mdhd + 4] == 1 ? 16 : 8) + 4;
        java.util.Arrays.fill(bytes, duration, duration + (bytes[mdhd + 4] == 1 ? 8 : 4), (byte) 0);
        Files.write(mp4, bytes);
        out.getBuffer().setLength(0);
        assertThat(glimpse(out, err, "probe", mp4.toString(), "--json")).isZero();
        var n = Json.MAPPER.readTree(out.toString());
        assertThat(n.get("durationSource").asText()).isEqualTo("packets");
        assertThat(n.get("durationSeconds").asDouble()).isEqualTo(2.0);
        assertThat(n.get("frameCount").asInt()).isEqualTo(20);
        out.getBuffer().setLength(0);
        assertThat(glimpse(out, err, "probe", mp4.toString())).isZero();
        assertThat(out.toString()).contains("  duration    2.000 s (measured from the packets)" + System.lineSeparator());
    }

    @Test
    void fifoExitsThreeWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("stream.mp4");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "probe", fifo.toString(), "--json")).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("glimpse: " + fifo + ": not a regular file (a FIFO)" + System.lineSeparator());
    }

    @Test
    void probeOfATextFileSaysItIsNeitherImageNorVideo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "a shopping list, not a picture\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "probe", text.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("glimpse: " + text + ": not an image or video Glimpse can read"
                + " (FFmpeg: Invalid data found when processing input)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void framesOfAValidJpegPointsToImageCommandsAndWritesNothing() throws Exception {
        Path jpeg = dir.resolve("cars.jpg");
        assertThat(ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", jpeg.toFile())).isTrue();
        Path frames = dir.resolve("frames");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(glimpse(out, err, "frames", jpeg.toString(), "--out", frames.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("glimpse: " + jpeg + ": an image, not a video: use plan/ask --image (JPEG)"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(frames).doesNotExist();
    }

    /** Signature and an IHDR chunk (8-bit RGB, correct CRC) declaring the size; no pixel data needed to probe it. */
    private static byte[] pngHeaderDeclaring(int width, int height) {
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(4 + 13).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array());
        return java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(chunk.array()).putInt((int) crc.getValue()).array();
    }
}
