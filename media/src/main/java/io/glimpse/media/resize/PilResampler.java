package io.glimpse.media.resize;

import io.glimpse.media.RgbImage;
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
 *   <li>Weights are converted to fixed point with {@value Coefficients#PRECISION_BITS} fractional bits
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
 * <p>Memory: the source is read in place ({@link RgbImage#readPixels}), never copied, and only the
 * rows and columns the taps reach are read; the one intermediate is the horizontally resampled
 * rows ({@code newWidth × rows read}), so resizing a 100 MP picture to a few tiles costs a few tens
 * of MB besides the picture. Inner loops use only {@code int} arithmetic on fixed-point
 * coefficients computed once per pass; with the {@code jdk.incubator.vector} module present (the
 * launcher and the tests add it) they run on SIMD lanes ({@link VectorKernels}) once a background
 * warm-up has compiled those, otherwise one sample at a time ({@link ScalarKernels}), with
 * identical results. Large passes are split into
 * bands of rows on the common {@link ForkJoinPool}; the output is bit-identical to a
 * single-threaded run.
 *
 * <p>Thread-safety: the class is stateless (static methods, no shared mutable data; each call works
 * on its own arrays), so it is safe to call concurrently from any number of threads.
 */
public final class PilResampler {

    /** Multiply-adds (per channel) below which a pass runs on the calling thread only. */
    private static final long PARALLEL_THRESHOLD = 1L << 21;

    /** Whether the Vector API is in the JVM (the launcher and the tests add it); {@code -Dglimpse.scalarResize=true} ignores it. */
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("glimpse.scalarResize");

    /** Set once {@link #warmUp} has run the vector kernels hot; until then passes use the scalar ones. */
    private static volatile boolean vectorReady;

    static {
        if (VECTOR_MODULE) {
            // Cold, the vector kernels cost about 1.4 s of CPU (Vector API start-up, then vector
            // operations interpreted until the JIT has compiled them): far more than a 12 MP resize.
            // A daemon thread pays that on tiny images while the first resizes run the scalar kernels.
            Thread warm = new Thread(PilResampler::warmUp, "glimpse-resize-warm-up");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
        }
    }

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
        return resize(src, newWidth, newHeight, filter, left, top, right, bottom,
                vectorReady ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE);
    }

    /**
     * The kernels in use, for benchmarks and diagnostics: "vector (16 int lanes)" (AVX-512; 8 with
     * AVX2) once warmed up, "scalar (vector warming up)" before, "scalar" without the Vector API.
     */
    public static String kernels() {
        if (vectorReady) {
            return "vector (" + VectorKernels.lanes() + " int lanes)";
        }
        return VECTOR_MODULE ? "scalar (vector warming up)" : "scalar";
    }

    /**
     * Waits up to {@code millis} for the vector kernels to be warmed up; true when they are in use
     * (for tests and benchmarks that want steady-state figures).
     */
    public static boolean awaitVectorKernels(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (VECTOR_MODULE && !vectorReady && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return vectorReady;
    }

    /**
     * Runs the vector kernels on small images until the JIT has compiled them (about 2000 calls),
     * checking each result against the scalar kernels; enables them only if all agreed.
     */
    private static void warmUp() {
        try {
            if (!VectorKernels.usable()) {
                return;
            }
            RgbImage small = RgbImage.wrap(200, 40, pattern(200 * 40 * 3));
            for (int i = 0; i < 2000; i++) {
                ResampleFilter filter = ResampleFilter.values()[i % 2];
                RgbImage vector = resize(small, 37, 13, filter, 0, 0, 200, 40, VectorKernels.INSTANCE);
                if (i % 200 == 0 && !vector.equals(resize(small, 37, 13, filter, 0, 0, 200, 40, ScalarKernels.INSTANCE))) {
                    return; // never seen; the scalar kernels stay in use
                }
            }
            vectorReady = true;
        } catch (RuntimeException | LinkageError e) {
            // The Vector API misbehaving on this JVM: the scalar kernels stay in use.
        }
    }

    private static byte[] pattern(int n) {
        byte[] px = new byte[n];
        for (int i = 0; i < n; i++) {
            px[i] = (byte) (i * 37 + (i >> 5) * 11);
        }
        return px;
    }

    static RgbImage resize(RgbImage src, int newWidth, int newHeight, ResampleFilter filter,
            double left, double top, double right, double bottom, Kernels kernels) {
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
            return crop(src, (int) x0, (int) y0, newWidth, newHeight);
        }

        // Note: like Pillow, compares the box's right/bottom edge with the *output* size. With the
        // default full box this reduces to "this axis changes size". Both false is the crop above.
        boolean needHorizontal = newWidth != srcW || x0 != 0 || x1 != newWidth;
        boolean needVertical = newHeight != srcH || y0 != 0 || y1 != newHeight;

        // Vertical coefficients first: they tell which source rows the horizontal pass must produce.
        Coefficients vert = Coefficients.compute(srcH, y0, y1, newHeight, filter);
        Coefficients horiz = needHorizontal ? Coefficients.compute(srcW, x0, x1, newWidth, filter) : null;
        return src.readPixels((px, w, h) -> {
            int rowBytes = w * 3;
            if (!needHorizontal) {
                // Same width, full box: the vertical pass reads the source rows in place.
                byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(newWidth, newHeight), 3)];
                forEachBand(newHeight, (long) rowBytes * vert.ksize, kernels.vertical(px, rowBytes, rowBytes, vert, out));
                return RgbImage.wrap(newWidth, newHeight, out);
            }
            // Only the source rows the vertical taps reach are resampled horizontally.
            int firstRow = needVertical ? vert.first() : 0;
            int rows = needVertical ? vert.end() - firstRow : srcH;
            byte[] mid = new byte[Math.multiplyExact(Math.multiplyExact(newWidth, rows), 3)];
            forEachBand(rows, (long) newWidth * horiz.ksize, kernels.horizontal(px, rowBytes, firstRow, horiz, mid));
            if (!needVertical) {
                return RgbImage.wrap(newWidth, newHeight, mid);
            }
            vert.shiftStarts(-firstRow);
            byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(newWidth, newHeight), 3)];
            forEachBand(newHeight, (long) newWidth * 3 * vert.ksize, kernels.vertical(mid, newWidth * 3, newWidth * 3, vert, out));
            return RgbImage.wrap(newWidth, newHeight, out);
        });
    }

    /** A fresh image of the {@code w × h} window at ({@code x}, {@code y}), copied row by row. */
    private static RgbImage crop(RgbImage src, int x, int y, int w, int h) {
        return src.readPixels((px, srcW, srcH) -> {
            byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
            for (int r = 0; r < h; r++) {
                System.arraycopy(px, ((y + r) * srcW + x) * 3, out, r * w * 3, w * 3);
            }
            return RgbImage.wrap(w, h, out);
        });
    }

    /**
     * Runs {@code band} over {@code rows} output rows: inline for small jobs, otherwise split into
     * bands of whole rows on the common fork-join pool. Every output sample is computed by exactly
     * the same integer operations either way, so the result does not depend on the split.
     */
    private static void forEachBand(int rows, long tapsPerRow, Kernels.Band band) {
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
}
