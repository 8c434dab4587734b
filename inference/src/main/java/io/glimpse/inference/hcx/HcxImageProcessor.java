package io.glimpse.inference.hcx;

import io.glimpse.inference.hcx.AnyRes.Size;
import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.RgbImage;
import io.glimpse.media.resize.PilResampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the 3B vision encoder sees of one image (spec §5.3): the 378×378 grids and their
 * normalized NCHW floats. Stateless and thread-safe; inputs are immutable {@link RgbImage}s.
 */
public final class HcxImageProcessor {
    private HcxImageProcessor() {
    }

    /**
     * The grids of one image, global thumbnail first, then the local tiles row-major (§5.3 steps 1–6):
     * <ol>
     *   <li>thumbnail: {@code resize_longside} to the grid size with {@code settings.resample()},
     *       then {@code expand2square} centred on {@link HcxVisionSettings#padFill()};</li>
     *   <li>best resolution ({@link AnyRes#selectBestResolution}), resize to
     *       {@link AnyRes#localResizeSize} (small images are upscaled), centred pad, cut into tiles.</li>
     * </ol>
     *
     * @return {@code 1 + rows·cols} images of {@code gridSize × gridSize}
     * @throws IllegalArgumentException if anyres is off
     */
    public static List<RgbImage> tiles(RgbImage image, HcxVisionSettings settings) {
        return tiles(image, settings, CancelToken.NONE);
    }

    /**
     * {@link #tiles(RgbImage, HcxVisionSettings)} that checks {@code cancel} between its two resizes
     * (the thumbnail and the local grid), so a cancel request waits for one resize at most.
     *
     * @throws CancelledException when {@code cancel} is tripped
     */
    public static List<RgbImage> tiles(RgbImage image, HcxVisionSettings settings, CancelToken cancel) {
        Objects.requireNonNull(image, "image");
        AnyRes.requireAnyres(settings);
        int grid = settings.gridSize();
        int[] fill = settings.padFill();
        int w = image.width();
        int h = image.height();
        List<RgbImage> out = new ArrayList<>();

        Size thumb = AnyRes.thumbnailSize(w, h, grid);
        out.add(padCentred(resize(image, thumb, settings), new Size(grid, grid), fill));

        cancel.throwIfCancelled();
        Resolution best = AnyRes.selectBestResolution(h, w, settings.possibleResolutions());
        Size local = AnyRes.localResizeSize(w, h, best);
        RgbImage padded = padCentred(resize(image, local, settings), new Size(best.width(), best.height()), fill);
        for (int r = 0; r < best.rows(grid); r++) {
            for (int c = 0; c < best.cols(grid); c++) {
                out.add(crop(padded, c * grid, r * grid, grid, grid));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Normalized float32 pixels, NCHW {@code [G, 3, grid, grid]} (§5.3 step 7): as transformers
     * does, {@code (float)(x·rescale)} (rescale in float64, then cast), then
     * {@code (x − mean) / std} in float32.
     *
     * @throws IllegalArgumentException if a tile is not {@code gridSize × gridSize}
     */
    public static float[] pixelValues(List<RgbImage> tiles, HcxVisionSettings settings) {
        int s = settings.gridSize();
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            float mean = settings.imageMean().get(c).floatValue();
            float std = settings.imageStd().get(c).floatValue();
            for (int v = 0; v < 256; v++) {
                lut[c][v] = ((float) (v * settings.rescaleFactor()) - mean) / std;
            }
        }
        int plane = s * s;
        float[] out = new float[Math.multiplyExact(tiles.size(), 3 * plane)];
        for (int g = 0; g < tiles.size(); g++) {
            RgbImage t = tiles.get(g);
            if (t.width() != s || t.height() != s) {
                throw new IllegalArgumentException("tile " + g + " is " + t.width() + "x" + t.height()
                        + ", expected " + s + "x" + s);
            }
            int base = g * 3 * plane;
            t.readPixels((px, w, h) -> {
                float[] r = lut[0];
                float[] gr = lut[1];
                float[] b = lut[2];
                for (int i = 0, p = 0; i < plane; i++, p += 3) {
                    out[base + i] = r[px[p] & 0xFF];
                    out[base + plane + i] = gr[px[p + 1] & 0xFF];
                    out[base + 2 * plane + i] = b[px[p + 2] & 0xFF];
                }
                return null;
            });
        }
        return out;
    }

    /** Pillow resize with the configured filter; skipped when the size already matches (Pillow copies). */
    static RgbImage resize(RgbImage src, Size size, HcxVisionSettings settings) {
        if (src.width() == size.width() && src.height() == size.height()) {
            return src;
        }
        return PilResampler.resize(src, size.width(), size.height(), settings.resample());
    }

    /** {@code Image.new(canvas, fill)} + {@code paste(content, centred offset)} (§5.3 steps 1, 4). */
    static RgbImage padCentred(RgbImage content, Size canvas, int[] fill) {
        if (content.width() == canvas.width() && content.height() == canvas.height()) {
            return content;
        }
        Size off = AnyRes.paddingOffset(new Size(content.width(), content.height()), canvas);
        int cw = canvas.width();
        byte[] dst = new byte[Math.multiplyExact(Math.multiplyExact(cw, canvas.height()), 3)];
        for (int i = 0; i < dst.length; i += 3) {
            dst[i] = (byte) fill[0];
            dst[i + 1] = (byte) fill[1];
            dst[i + 2] = (byte) fill[2];
        }
        content.readPixels((src, w, h) -> {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, y * w * 3, dst, ((off.height() + y) * cw + off.width()) * 3, w * 3);
            }
            return null;
        });
        return RgbImage.wrap(cw, canvas.height(), dst);
    }

    /** {@code image.crop((x, y, x + w, y + h))}, inside the image (§5.3 step 5). */
    static RgbImage crop(RgbImage image, int x, int y, int w, int h) {
        byte[] dst = new byte[w * h * 3];
        image.readPixels((src, iw, ih) -> {
            for (int r = 0; r < h; r++) {
                System.arraycopy(src, ((y + r) * iw + x) * 3, dst, r * w * 3, w * 3);
            }
            return null;
        });
        return RgbImage.wrap(w, h, dst);
    }
}
