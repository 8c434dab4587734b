package io.glimpse.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * An immutable 8-bit RGB image: {@code width × height} pixels, row-major, three interleaved bytes
 * per pixel (R, G, B), no padding between rows.
 *
 * <p>This is the one picture type every decoder in {@code media} produces and every processor
 * consumes. Instances are immutable and therefore thread-safe. The pixel array is handed out only
 * read-only to {@link #readPixels} (resamplers that must not copy a 100 MP picture); everything else
 * gets copies or single samples.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " bytes for "
                    + width + "x" + height + " RGB, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Copies {@code rgb} (interleaved R, G, B rows) into a new image. */
    public static RgbImage of(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb.clone());
    }

    /**
     * Wraps {@code rgb} without copying. The caller hands over ownership and must not touch the
     * array afterwards; used by decoders and resamplers that have just filled a fresh array.
     */
    public static RgbImage wrap(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb);
    }

    /** A single-colour image. */
    public static RgbImage filled(int width, int height, int r, int g, int b) {
        byte[] px = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, px);
    }

    /**
     * Converts any {@link BufferedImage} to RGB. Transparent pixels are composited over
     * {@code background} (0xRRGGBB) with straight (non-premultiplied) alpha:
     * {@code out = round((c·a + bg·(255 − a)) / 255)}.
     */
    public static RgbImage fromBufferedImage(BufferedImage image, int background) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int bgR = (background >> 16) & 0xFF;
        int bgG = (background >> 8) & 0xFF;
        int bgB = background & 0xFF;
        boolean alpha = image.getColorModel().hasAlpha();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                if (alpha) {
                    int a = argb >>> 24;
                    r = blend(r, bgR, a);
                    g = blend(g, bgG, a);
                    b = blend(b, bgB, a);
                }
                px[o++] = (byte) r;
                px[o++] = (byte) g;
                px[o++] = (byte) b;
            }
        }
        return new RgbImage(w, h, px);
    }

    private static int blend(int c, int bg, int a) {
        return (c * a + bg * (255 - a) + 127) / 255;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Sample of channel {@code c} (0 = R, 1 = G, 2 = B) at ({@code x}, {@code y}), 0..255. */
    public int sample(int x, int y, int c) {
        if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c > 2) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + "," + c + ") outside " + width + "x" + height + "x3");
        }
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** Packed 0xRRGGBB at ({@code x}, {@code y}). */
    public int rgbAt(int x, int y) {
        return sample(x, y, 0) << 16 | sample(x, y, 1) << 8 | sample(x, y, 2);
    }

    /**
     * Reads the pixels in place: {@code reader} gets the array itself (interleaved R, G, B rows,
     * {@code width * 3} bytes each), so a large picture is not copied. The reader must not modify it
     * and must not keep a reference after it returns.
     */
    public <T> T readPixels(PixelReader<T> reader) {
        return reader.read(rgb, width, height);
    }

    /** Reads an image's pixel array in place; see {@link #readPixels}. */
    @FunctionalInterface
    public interface PixelReader<T> {
        T read(byte[] rgb, int width, int height);
    }

    /** A copy of the interleaved RGB bytes. */
    public byte[] toByteArray() {
        return rgb.clone();
    }

    /** Copies the pixels into {@code dst} at {@code offset} (for hot paths that reuse a buffer). */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(rgb, 0, dst, offset, rgb.length);
    }

    /** A new {@link BufferedImage#TYPE_3BYTE_BGR} copy, for writing files or drawing. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    /** This image turned by {@code quarterTurnsClockwise} × 90° (any integer; taken modulo 4). */
    public RgbImage rotateClockwise(int quarterTurnsClockwise) {
        int turns = Math.floorMod(quarterTurnsClockwise, 4);
        if (turns == 0) {
            return this;
        }
        int ow = turns == 2 ? width : height;
        int oh = turns == 2 ? height : width;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int nx;
                int ny;
                switch (turns) {
                    case 1 -> { nx = height - 1 - y; ny = x; }
                    case 2 -> { nx = width - 1 - x; ny = height - 1 - y; }
                    default -> { nx = y; ny = width - 1 - x; }
                }
                System.arraycopy(rgb, (y * width + x) * 3, out, (ny * ow + nx) * 3, 3);
            }
        }
        return new RgbImage(ow, oh, out);
    }

    /** This image mirrored left to right. */
    public RgbImage flipHorizontal() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (y * width + x) * 3, out, (y * width + (width - 1 - x)) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && other.width == width && other.height == height
                && Arrays.equals(other.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
