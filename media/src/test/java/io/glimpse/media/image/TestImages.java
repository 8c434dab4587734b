package io.glimpse.media.image;

import io.glimpse.media.RgbImage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test pictures drawn with Java2D, written with ImageIO, and pixel assertions on them. */
final class TestImages {
    static final int W = 64;
    static final int H = 48;
    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;
    static final int YELLOW = 0xFFFF00;

    private TestImages() {
    }

    /** 64x48: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
    static BufferedImage quadrants(int type) {
        BufferedImage image = new BufferedImage(W, H, type);
        Graphics2D g = image.createGraphics();
        fillQuadrants(g, W, H);
        g.dispose();
        return image;
    }

    static void fillQuadrants(Graphics2D g, int w, int h) {
        g.setColor(new Color(RED));
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(new Color(GREEN));
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(new Color(BLUE));
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(new Color(YELLOW));
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
    }

    static byte[] jpegBytes(RenderedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static Path write(RenderedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format + " and " + image);
        }
        return file;
    }

    static Path write(byte[] bytes, Path file) throws IOException {
        return Files.write(file, bytes);
    }

    /**
     * Largest per-channel difference between the image and the expected colour over the inner
     * part of each quadrant (a margin of 6 pixels keeps JPEG's 8x8 blocks and chroma
     * subsampling at the edges out of the measurement).
     */
    static int quadrantError(RgbImage image, int topLeft, int topRight, int bottomLeft, int bottomRight) {
        int w = image.width();
        int h = image.height();
        int m = 6;
        int err = 0;
        err = Math.max(err, regionError(image, m, m, w / 2 - m, h / 2 - m, topLeft));
        err = Math.max(err, regionError(image, w / 2 + m, m, w - m, h / 2 - m, topRight));
        err = Math.max(err, regionError(image, m, h / 2 + m, w / 2 - m, h - m, bottomLeft));
        err = Math.max(err, regionError(image, w / 2 + m, h / 2 + m, w - m, h - m, bottomRight));
        return err;
    }

    static int regionError(RgbImage image, int x0, int y0, int x1, int y1, int rgb) {
        int err = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    int expected = (rgb >> (16 - 8 * c)) & 0xFF;
                    err = Math.max(err, Math.abs(image.sample(x, y, c) - expected));
                }
            }
        }
        return err;
    }

    /** Exact check of every pixel against the quadrant picture. */
    static void assertExactQuadrants(RgbImage image) {
        assertThat(image.width()).isEqualTo(W);
        assertThat(image.height()).isEqualTo(H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int expected = y < H / 2 ? (x < W / 2 ? RED : GREEN) : (x < W / 2 ? BLUE : YELLOW);
                if (image.rgbAt(x, y) != expected) {
                    throw new AssertionError(String.format("pixel (%d,%d) is %06X, expected %06X", x, y, image.rgbAt(x, y), expected));
                }
            }
        }
    }

    /** Logs a measured tolerance so the test output documents it. */
    static void report(String what, int maxError) {
        System.out.println("[measured] " + what + ": max |diff| = " + maxError);
    }
}
