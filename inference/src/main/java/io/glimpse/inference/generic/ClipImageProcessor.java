package io.glimpse.inference.generic;

import io.glimpse.media.RgbImage;
import io.glimpse.media.resize.PilResampler;

/**
 * What a CLIP-style vision encoder sees of one image, as transformers' {@code CLIPImageProcessor}
 * computes it: resize (the shorter side to {@code shortest_edge}, aspect kept, or to a fixed
 * size) with Pillow on the uint8 image, centre crop (zero padding where the image is smaller),
 * then {@code (float)(x·rescale)} (float64 product, cast) and {@code (x − mean) / std} in float32.
 * Stateless and thread-safe.
 */
public final class ClipImageProcessor {
    private ClipImageProcessor() {
    }

    /** The resized and cropped image, before rescaling and normalizing (what "the model sees"). */
    public static RgbImage tile(RgbImage image, ClipSettings s) {
        RgbImage out = image;
        if (s.doResize()) {
            int[] size = resizeSize(image.width(), image.height(), s);
            if (size[0] != image.width() || size[1] != image.height()) { // Pillow copies an image of the same size
                out = PilResampler.resize(image, size[0], size[1], s.resample());
            }
        }
        return s.doCenterCrop() ? centerCrop(out, s.cropWidth(), s.cropHeight()) : out;
    }

    /**
     * {@code get_resize_output_image_size(default_to_square=False)}: the shorter side becomes
     * {@code shortest_edge}, the longer {@code int(shortest_edge · long / short)} (truncated).
     *
     * @return {width, height}
     */
    static int[] resizeSize(int width, int height, ClipSettings s) {
        if (s.shortestEdge() == 0) {
            return new int[] {s.resizeWidth(), s.resizeHeight()};
        }
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        int newShort = s.shortestEdge();
        // Python's int(a * b / c): the exact integer product, one correctly rounded division, truncated
        int newLong = (int) ((double) ((long) newShort * longSide) / shortSide);
        return width <= height ? new int[] {newShort, newLong} : new int[] {newLong, newShort};
    }

    /**
     * transformers' {@code center_crop}: offsets {@code (orig − crop) // 2} (floor); when the crop is
     * larger than the image, the image is first placed on zeros at {@code ceil((new − orig) / 2)}.
     */
    static RgbImage centerCrop(RgbImage image, int cropW, int cropH) {
        int w = image.width();
        int h = image.height();
        if (w == cropW && h == cropH) {
            return image;
        }
        int top = Math.floorDiv(h - cropH, 2);
        int left = Math.floorDiv(w - cropW, 2);
        byte[] dst = new byte[cropW * cropH * 3];
        image.readPixels((src, iw, ih) -> {
            copyWindow(src, w, h, dst, cropW, cropH, left, top);
            return null;
        });
        return RgbImage.wrap(cropW, cropH, dst);
    }

    private static void copyWindow(byte[] src, int w, int h, byte[] dst, int cropW, int cropH, int left, int top) {
        // The pad offset is ceil((crop − orig) / 2) = −floor((orig − crop) / 2), so output pixel (x, y) is always
        // source pixel (x + left, y + top), zero outside the image.
        for (int y = 0; y < cropH; y++) {
            int sy = y + top;
            if (sy < 0 || sy >= h) {
                continue;
            }
            int x0 = Math.max(0, -left);
            int x1 = Math.min(cropW, w - left);
            if (x1 > x0) {
                System.arraycopy(src, (sy * w + x0 + left) * 3, dst, (y * cropW + x0) * 3, (x1 - x0) * 3);
            }
        }
    }

    /** The tile's normalized float32 pixels, NCHW {@code [1, 3, H, W]}. */
    public static float[] pixelValues(RgbImage tile, ClipSettings s) {
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            float mean = s.mean().get(c).floatValue();
            float std = s.std().get(c).floatValue();
            for (int v = 0; v < 256; v++) {
                float x = s.doRescale() ? (float) (v * s.rescaleFactor()) : v;
                lut[c][v] = s.doNormalize() ? (x - mean) / std : x;
            }
        }
        int plane = tile.width() * tile.height();
        float[] out = new float[3 * plane];
        tile.readPixels((px, w, h) -> {
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    out[c * plane + i] = lut[c][px[i * 3 + c] & 0xFF];
                }
            }
            return null;
        });
        return out;
    }
}
