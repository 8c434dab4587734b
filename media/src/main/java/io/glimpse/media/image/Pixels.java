package io.glimpse.media.image;

import io.glimpse.media.RgbImage;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into {@link RgbImage} the way Pillow's
 * {@code convert("RGB")} would, except that alpha is composited over a background.
 *
 * <ul>
 *   <li>Grayscale (8 or 16 bit, with or without alpha) is read from the raster and copied to
 *       R = G = B. {@code BufferedImage.getRGB} is avoided there: the JDK treats gray as linear
 *       and brightens it (gray 128 comes back as about 187).</li>
 *   <li>16-bit samples keep their high byte ({@code v >> 8}), as Pillow does for 16-bit RGB(A)
 *       PNGs. ImageIO's {@code getRGB} would instead round {@code v * 255 / 65535}, which differs
 *       by at most 1.</li>
 *   <li>Everything else (8-bit RGB, palette, packed ARGB, colour already converted from CMYK)
 *       goes through {@link RgbImage#fromBufferedImage}.</li>
 * </ul>
 * Alpha is straight (non-premultiplied): {@code out = round((c·a + bg·(255 − a)) / 255)}.
 */
final class Pixels {
    private Pixels() {
    }

    static RgbImage toRgb(BufferedImage image, int background) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()) {
            int transfer = image.getRaster().getTransferType();
            int space = cm.getColorSpace().getType();
            boolean bytesOrShorts = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT;
            if (bytesOrShorts && space == ColorSpace.TYPE_GRAY) {
                return fromComponents(image, true, background);
            }
            if (transfer == DataBuffer.TYPE_USHORT && space == ColorSpace.TYPE_RGB
                    && cm.getColorSpace().isCS_sRGB()) {
                return fromComponents(image, false, background);
            }
        }
        return RgbImage.fromBufferedImage(image, background);
    }

    /** Reads gray(+alpha) or RGB(+alpha) samples straight from the raster, 8 or 16 bits each. */
    private static RgbImage fromComponents(BufferedImage image, boolean gray, int background) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int colorBands = gray ? 1 : 3;
        int bands = raster.getNumBands();
        boolean alpha = image.getColorModel().hasAlpha() && bands > colorBands;
        int shift = image.getColorModel().getComponentSize(0) > 8 ? 8 : 0;
        int[] bg = {(background >> 16) & 0xFF, (background >> 8) & 0xFF, background & 0xFF};
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int a = alpha ? row[i + colorBands] >> shift : 255;
                for (int c = 0; c < 3; c++) {
                    int v = row[i + (gray ? 0 : c)] >> shift;
                    out[o++] = (byte) (a == 255 ? v : (v * a + bg[c] * (255 - a) + 127) / 255);
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
