package io.glimpse.media.resize;

import io.glimpse.media.RgbImage;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Resizes an {@link RgbImage} bit-for-bit like Pillow's {@code Image.resize} does for 8-bit RGB
 * images with {@code BICUBIC} or {@code LANCZOS} (and no {@code reducing_gap}).
 *
 * <p>Why a hand-written resampler: the vision models we feed were trained on pictures preprocessed
 * with Pillow, and no Java library reproduces Pillow's output exactly (AWT, imgscalr, Thumbnailator
 * and OpenCV all use different kernels, support widening, rounding or fixed-point formats). This
 * class is an independent Java port of the algorithm in Pillow's {@code src/libImaging/Resample.c}
 * (checked against Pillow 9.4):
 *
 * <ul>
 *   <li>Separable convolution: a horizontal pass first, then a vertical pass; a pass runs only
 *       when that axis changes (Pillow's {@code need_horizontal}/{@code need_vertical}).
 *   <li>Per output sample, the kernel is centred at {@code in0 + (i + 0.5) * scale}; when
 *       downscaling ({@code scale > 1}) the kernel is stretched by {@code scale} (antialiasing).
 *       Taps are clamped to the image, and weights are normalised by their sum, so edges need no
 *       padding.
 *   <li>Weights are converted to fixed point with {@value #PRECISION_BITS} fractional bits
 *       (rounded half away from zero), accumulated in {@code int} starting from one half, shifted
 *       back and clipped to 0..255.
 *   <li>The intermediate image between the passes is 8-bit, i.e. it is rounded and clipped too.
 *       That is why results differ from any float implementation by ±1 here and there.
 *   <li>The horizontal pass only covers the source rows the vertical pass will read.
 *   <li>Box coordinates are handled in {@code float} like Pillow (it parses them as C floats), and an
 *       integer box whose size equals the output size is a plain crop, as in Pillow's
 *       {@code _resize}.
 * </ul>
 *
 * <p>Only the source window the filter taps reach is read, so resizing a small box of a large
 * image (tiling) does not copy the whole picture. Inner loops use only {@code int} arithmetic on precomputed fixed-point coefficients (computed
 * once per pass, not per pixel); nothing is allocated per pixel or per row. Large passes are split
 * into bands of rows on the common {@link ForkJoinPool}; the output is bit-identical to a
 * single-threaded run.
 *
 * <p>Thread-safety: the class is stateless (static methods, no shared mutable data; each call works
 * on its own arrays), so it is safe to call concurrently from any number of threads.
 */
public final class PilResampler {

    /**
     * Fractional bits of the fixed-point weights: 32 bits minus 8 for the sample value minus 2
     * spare bits, because kernels with negative lobes can make partial sums exceed 1.0 or go below
     * zero.
     */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** Initial accumulator value: one half in fixed point, so the final shift rounds to nearest. */
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    /** Multiply-adds (per channel) below which a pass runs on the calling thread only. */
    private static final long PARALLEL_THRESHOLD = 1L << 21;

    private PilResampler() {
    }

    /**
     * Resizes the whole of {@code src} to {@code newWidth × newHeight}, like Pillow's
     * {@code im.resize((newWidth, newHeight), filter)}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static RgbImage resize(RgbImage src, int newWidth, int newHeight, ResampleFilter filter) {
        Objects.requireNonNull(src, "src");
        return resize(src, newWidth, newHeight, filter, 0, 0, src.width(), src.height());
    }

    /**
     * Resizes the region {@code (left, top, right, bottom)} of {@code src} (in source pixel
     * coordinates, fractional allowed, right/bottom exclusive) to {@code newWidth × newHeight},
     * like Pillow's {@code im.resize((newWidth, newHeight), filter, box=(left, top, right, bottom))}.
     * Pixels outside the box still contribute near its edges, exactly as in Pillow, which is what
     * makes tiles of a larger resize line up seamlessly.
     *
     * <p>As in Pillow, the box coordinates are rounded to {@code float} precision first.
     *
     * @throws IllegalArgumentException if a size is not positive, or the box is not finite, has a
     *     negative offset, exceeds the source image, or has a negative width or height (Pillow's
     *     checks; a zero-sized box is accepted, as Pillow does)
     */
    public static RgbImage resize(RgbImage src, int newWidth, int newHeight, ResampleFilter filter,
            double left, double top, double right, double bottom) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(filter, "filter");
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("target size must be positive, got "
                    + newWidth + "x" + newHeight + " (source " + src.width() + "x" + src.height() + ")");
        }
        int srcW = src.width();
        int srcH = src.height();
        // Pillow receives the box as C floats; every later computation depends on that rounding.
        float x0 = (float) left;
        float y0 = (float) top;
        float x1 = (float) right;
        float y1 = (float) bottom;
        String box = "(" + left + ", " + top + ", " + right + ", " + bottom + ")";
        if (!Float.isFinite(x0) || !Float.isFinite(y0) || !Float.isFinite(x1) || !Float.isFinite(y1)) {
            throw new IllegalArgumentException("box must be finite, got " + box);
        }
        if (x0 < 0 || y0 < 0) {
            throw new IllegalArgumentException("box offset can't be negative, got " + box);
        }
        if (x1 > srcW || y1 > srcH) {
            throw new IllegalArgumentException("box " + box + " exceeds the source image "
                    + srcW + "x" + srcH);
        }
        if (x1 - x0 < 0 || y1 - y0 < 0) {
            throw new IllegalArgumentException("box can't have negative size, got " + box);
        }

        // Pillow's _resize: an integer-aligned box of exactly the output size is a plain crop
        // (this also covers "same size, default box", which Image.resize turns into a copy).
        if (x0 - (int) x0 == 0 && x1 - x0 == newWidth && y0 - (int) y0 == 0 && y1 - y0 == newHeight) {
            return RgbImage.wrap(newWidth, newHeight, window(src, (int) x0, (int) y0, newWidth, newHeight));
        }

        // Note: like Pillow, compares the box's right/bottom edge with the *output* size. With the
        // default full box this reduces to "this axis changes size".
        boolean needHorizontal = newWidth != srcW || x0 != 0 || x1 != newWidth;
        boolean needVertical = newHeight != srcH || y0 != 0 || y1 != newHeight;

        // Vertical coefficients first: they tell which source rows the horizontal pass must produce.
        Coefficients vert = Coefficients.compute(srcH, y0, y1, newHeight, filter);
        int firstRow = vert.start[0];
        int endRow = vert.start[newHeight - 1] + vert.count[newHeight - 1];
        Coefficients horiz = null;
        int firstCol = 0;
        int endCol = srcW;
        if (needHorizontal) {
            horiz = Coefficients.compute(srcW, x0, x1, newWidth, filter);
            firstCol = horiz.start[0];
            endCol = horiz.start[newWidth - 1] + horiz.count[newWidth - 1];
        }
        if (!needHorizontal && !needVertical) {
            // Unreachable in practice (a full box of the same size is handled as a crop above).
            return RgbImage.wrap(srcW, srcH, src.toByteArray());
        }

        // Only the source window the taps touch is read; for a box (a tile of a big picture) that
        // is much less than the whole image. Coordinates below are relative to that window.
        int winW = endCol - firstCol;
        int winH = endRow - firstRow;
        byte[] cur = window(src, firstCol, firstRow, winW, winH);
        vert.shiftStarts(-firstRow);
        int curW = winW;
        int curH = winH;
        if (needHorizontal) {
            horiz.shiftStarts(-firstCol);
            cur = horizontalPass(cur, winW, winH, horiz, newWidth);
            curW = newWidth;
        }
        if (needVertical) {
            cur = verticalPass(cur, curW, vert, newHeight);
            curH = newHeight;
        }
        if (curW != newWidth || curH != newHeight) {
            throw new IllegalStateException("internal error: produced " + curW + "x" + curH
                    + " instead of " + newWidth + "x" + newHeight);
        }
        return RgbImage.wrap(newWidth, newHeight, cur);
    }

    /**
     * A fresh array with the pixels of the {@code w × h} window at ({@code x}, {@code y}).
     * {@link RgbImage} only hands out copies of its whole pixel array or single pixels, so small
     * windows (tiles) are read pixel by pixel rather than copying the full image each time.
     */
    private static byte[] window(RgbImage src, int x, int y, int w, int h) {
        int srcW = src.width();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        if (x == 0 && y == 0 && w == srcW && h == src.height()) {
            src.copyTo(out, 0);
        } else if ((long) w * h * 4 >= (long) srcW * src.height()) {
            byte[] all = src.toByteArray();
            int rowBytes = w * 3;
            for (int r = 0; r < h; r++) {
                System.arraycopy(all, ((y + r) * srcW + x) * 3, out, r * rowBytes, rowBytes);
            }
        } else {
            int o = 0;
            for (int r = y; r < y + h; r++) {
                for (int c = x; c < x + w; c++) {
                    int rgb = src.rgbAt(c, r);
                    out[o] = (byte) (rgb >> 16);
                    out[o + 1] = (byte) (rgb >> 8);
                    out[o + 2] = (byte) rgb;
                    o += 3;
                }
            }
        }
        return out;
    }

    /**
     * Resamples the {@code rows} rows of {@code in} (width {@code inW}) to width {@code outW}.
     * Each output pixel is a dot product over a contiguous run of source pixels; the three
     * channels share the weights, so they are accumulated together.
     */
    private static byte[] horizontalPass(byte[] in, int inW, int rows, Coefficients c, int outW) {
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(outW, rows), 3)];
        int[] start3 = new int[outW];
        for (int xx = 0; xx < outW; xx++) {
            start3[xx] = c.start[xx] * 3;
        }
        forEachBand(rows, (long) outW * c.ksize, (from, to) ->
                horizontalRows(in, inW, c, start3, outW, out, from, to));
        return out;
    }

    private static void horizontalRows(byte[] in, int inW, Coefficients c, int[] start3, int outW,
            byte[] out, int fromRow, int toRow) {
        int[] k = c.weights;
        int ksize = c.ksize;
        int[] count = c.count;
        int inRowBytes = inW * 3;
        int o = fromRow * outW * 3;
        for (int y = fromRow; y < toRow; y++) {
            int rowOff = y * inRowBytes;
            for (int xx = 0; xx < outW; xx++) {
                int s0 = HALF;
                int s1 = HALF;
                int s2 = HALF;
                int p = rowOff + start3[xx];
                int kb = xx * ksize;
                int n = count[xx];
                for (int i = 0; i < n; i++, p += 3) {
                    int w = k[kb + i];
                    s0 += (in[p] & 0xFF) * w;
                    s1 += (in[p + 1] & 0xFF) * w;
                    s2 += (in[p + 2] & 0xFF) * w;
                }
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
                o += 3;
            }
        }
    }

    /**
     * Resamples the columns of {@code in} (width {@code w}) to {@code outH} rows. For each output
     * row the source rows are accumulated whole into an int row buffer: per sample the taps are
     * still added in the same order as Pillow (so the int result is identical), but the memory
     * access is sequential and the JIT can vectorise the loop.
     */
    private static byte[] verticalPass(byte[] in, int w, Coefficients c, int outH) {
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(outH, w), 3)];
        forEachBand(outH, (long) w * c.ksize, (from, to) -> verticalRows(in, w, c, out, from, to));
        return out;
    }

    private static void verticalRows(byte[] in, int w, Coefficients c, byte[] out, int fromRow, int toRow) {
        int rowBytes = w * 3;
        int[] acc = new int[rowBytes]; // one per band, reused for every row of it
        int[] k = c.weights;
        int ksize = c.ksize;
        for (int yy = fromRow; yy < toRow; yy++) {
            Arrays.fill(acc, HALF);
            int ymin = c.start[yy];
            int n = c.count[yy];
            int kb = yy * ksize;
            for (int i = 0; i < n; i++) {
                int wgt = k[kb + i];
                int off = (ymin + i) * rowBytes;
                for (int j = 0; j < rowBytes; j++) {
                    acc[j] += (in[off + j] & 0xFF) * wgt;
                }
            }
            int o = yy * rowBytes;
            for (int j = 0; j < rowBytes; j++) {
                out[o + j] = clip8(acc[j]);
            }
        }
    }

    /** Work on output rows {@code [from, to)}; bands write disjoint parts of the output. */
    @FunctionalInterface
    private interface Band {
        void run(int from, int to);
    }

    /**
     * Runs {@code band} over {@code rows} output rows: inline for small jobs, otherwise split into
     * bands of whole rows on the common fork-join pool. Every output sample is computed by exactly
     * the same integer operations either way, so the result does not depend on the split.
     */
    private static void forEachBand(int rows, long tapsPerRow, Band band) {
        long work = tapsPerRow * rows;
        // The calling thread joins in, so common-pool parallelism 1 (two CPUs) still means 2 threads.
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        if (work < PARALLEL_THRESHOLD || rows < 2 || threads < 2) {
            band.run(0, rows);
            return;
        }
        int bands = (int) Math.min(rows, Math.min(4L * threads, work / (PARALLEL_THRESHOLD / 4)));
        IntStream.range(0, bands).parallel().forEach(b ->
                band.run((int) ((long) rows * b / bands), (int) ((long) rows * (b + 1) / bands)));
    }

    /** Fixed-point accumulator to a byte: drop the fraction, clamp to 0..255. */
    private static byte clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        if (v < 0) {
            return 0;
        }
        if (v > 255) {
            return (byte) 255;
        }
        return (byte) v;
    }

    /**
     * Fixed-point filter taps for one axis: output sample {@code i} reads {@code count[i]} input
     * samples starting at {@code start[i]} with weights {@code weights[i * ksize ...]}.
     */
    static final class Coefficients {
        final int ksize;
        final int[] start;
        final int[] count;
        final int[] weights;

        private Coefficients(int ksize, int[] start, int[] count, int[] weights) {
            this.ksize = ksize;
            this.start = start;
            this.count = count;
            this.weights = weights;
        }

        void shiftStarts(int delta) {
            for (int i = 0; i < start.length; i++) {
                start[i] += delta;
            }
        }

        /**
         * Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}: maps
         * {@code [in0, in1)} of an axis of length {@code inSize} onto {@code outSize} samples.
         */
        static Coefficients compute(int inSize, float in0, float in1, int outSize, ResampleFilter filter) {
            // The subtraction happens in float (the box is float in Pillow), the division in double.
            double scale = (double) (in1 - in0) / outSize;
            // Downscaling stretches the kernel over more source pixels (antialiasing); upscaling
            // keeps the kernel at its natural width.
            double filterscale = scale < 1.0 ? 1.0 : scale;
            double support = filter.support() * filterscale;
            int ksize = (int) Math.ceil(support) * 2 + 1;

            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] fixed = new int[Math.multiplyExact(outSize, ksize)];
            double[] k = new double[ksize];
            double ss = 1.0 / filterscale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = in0 + (xx + 0.5) * scale;
                // "+ 0.5" then truncation: Pillow's rounding of the tap window (truncation towards
                // zero is the same in Java and C; negative values are clamped right after).
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                int n = xmax - xmin;
                double ww = 0.0;
                for (int x = 0; x < n; x++) {
                    // Evaluate in the same order as Pillow: (x + xmin) is an int sum.
                    double w = filter.weight((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                int base = xx * ksize;
                for (int x = 0; x < n; x++) {
                    // Division (not multiplication by 1/ww) to match Pillow's rounding.
                    double v = ww != 0.0 ? k[x] / ww : k[x];
                    // Round half away from zero into PRECISION_BITS fixed point.
                    fixed[base + x] = v < 0
                            ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                            : (int) (0.5 + v * (1 << PRECISION_BITS));
                }
                start[xx] = xmin;
                count[xx] = Math.max(n, 0);
            }
            return new Coefficients(ksize, start, count, fixed);
        }
    }
}
