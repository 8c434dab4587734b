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
                + ": not a video: FFmpeg reads it as a still image (image2, by its name); if it is a JPEG, its first bytes are damaged"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
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
}
