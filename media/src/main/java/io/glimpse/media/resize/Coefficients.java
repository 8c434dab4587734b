package io.glimpse.media.resize;

/**
 * Fixed-point filter taps for one axis: output sample {@code i} reads {@code count[i]} input samples
 * starting at {@code start[i]} with weights {@code weights[i * ksize ...]} (zero beyond
 * {@code count[i]}). Immutable after construction except for {@link #shiftStarts}, which the
 * resampler calls once before sharing the instance with its worker threads.
 */
final class Coefficients {
    /**
     * Fractional bits of the fixed-point weights: 32 bits minus 8 for the sample value minus 2 spare
     * bits, because kernels with negative lobes can make partial sums exceed 1.0 or go below zero.
     */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** Initial accumulator value: one half in fixed point, so the final shift rounds to nearest. */
    static final int HALF = 1 << (PRECISION_BITS - 1);

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

    int size() {
        return start.length;
    }

    /** First input sample any output reads. */
    int first() {
        return start[0];
    }

    /** One past the last input sample any output reads. */
    int end() {
        int last = start.length - 1;
        return start[last] + count[last];
    }

    void shiftStarts(int delta) {
        for (int i = 0; i < start.length; i++) {
            start[i] += delta;
        }
    }

    /** Fixed-point accumulator to a byte: drop the fraction, clamp to 0..255 (Pillow's {@code clip8}). */
    static byte clip8(int acc) {
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
     * Pillow's {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}: maps
     * {@code [in0, in1)} of an axis of length {@code inSize} onto {@code outSize} samples.
     */
    static Coefficients compute(int inSize, float in0, float in1, int outSize, ResampleFilter filter) {
        // The subtraction happens in float (the box is float in Pillow), the division in double.
        double scale = (double) (in1 - in0) / outSize;
        // Downscaling stretches the kernel over more source pixels (antialiasing); upscaling keeps
        // the kernel at its natural width.
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
            // "+ 0.5" then truncation: Pillow's rounding of the tap window (truncation towards zero
            // is the same in Java and C; negative values are clamped right after).
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
