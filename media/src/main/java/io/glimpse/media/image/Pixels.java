package io.glimpse.media.image;

import io.glimpse.media.RgbImage;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import javax.imageio.ImageTypeSpecifier;

/**
 * Turns a decoded {@link BufferedImage} into {@link RgbImage} the way Pillow's
 * {@code convert("RGB")} would, except that alpha is composited over a background.
 *
 * <ul>
 *   <li>An image made by {@link #rgbDestination} (8-bit RGB decoded straight into {@link RgbImage}'s
 *       layout) is wrapped without copying: a 100 MP picture then exists once, not twice.</li>
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

    /**
     * The RGB image of {@code image}. The result may share {@code image}'s pixel array (see
     * {@link #rgbDestination}), so the caller must not use or modify {@code image} afterwards.
     */
    static RgbImage toRgb(BufferedImage image, int background) {
        byte[] own = rgbBytes(image);
        if (own != null) {
            return RgbImage.wrap(image.getWidth(), image.getHeight(), own);
        }
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

    /** Whether {@code type} is opaque, pixel-interleaved 8-bit sRGB (TYPE_3BYTE_BGR among others). */
    static boolean isRgb8(ImageTypeSpecifier type) {
        return isOpaqueRgb8(type.getColorModel(), type.getSampleModel().getNumBands())
                && type.getSampleModel() instanceof PixelInterleavedSampleModel;
    }

    /**
     * A {@code width × height} destination whose pixel array is laid out as {@link RgbImage}'s
     * (R, G, B interleaved, no row padding), for a decode whose default result {@link #isRgb8}. A
     * reader that writes through the raster stores the same samples whatever the band order, so
     * the decoded values do not change, only where they land.
     */
    static BufferedImage rgbDestination(int width, int height) {
        byte[] data = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(data, data.length),
                width, height, width * 3, 3, new int[] {0, 1, 2}, null);
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {8, 8, 8},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    private static boolean isOpaqueRgb8(ColorModel cm, int bands) {
        return cm instanceof ComponentColorModel && !cm.hasAlpha() && bands == 3 && cm.getNumComponents() == 3
                && cm.getColorSpace().isCS_sRGB() && cm.getTransferType() == DataBuffer.TYPE_BYTE
                && Arrays.equals(cm.getComponentSize(), new int[] {8, 8, 8});
    }

    /** {@code image}'s own pixel array when it is exactly in {@link RgbImage}'s layout, else null. */
    private static byte[] rgbBytes(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        if (!isOpaqueRgb8(image.getColorModel(), raster.getNumBands()) || raster.getParent() != null
                || raster.getMinX() != 0 || raster.getMinY() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)) {
            return null;
        }
        int w = image.getWidth();
        byte[] data = buffer.getData();
        boolean rgbLayout = sm.getPixelStride() == 3 && sm.getScanlineStride() == w * 3
                && Arrays.equals(sm.getBandOffsets(), new int[] {0, 1, 2})
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && data.length == (long) w * image.getHeight() * 3;
        return rgbLayout ? data : null;
    }
}
