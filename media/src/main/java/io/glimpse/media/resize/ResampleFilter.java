package io.glimpse.media.resize;

/**
 * Convolution filters supported by {@link PilResampler}, matching Pillow's
 * {@code Image.Resampling.BICUBIC} and {@code Image.Resampling.LANCZOS}.
 *
 * <p>Each constant carries the filter's support (half-width in source pixels at scale 1) and its
 * kernel, evaluated in {@code double} exactly the way Pillow's {@code Resample.c} does, because the
 * weights are later rounded to fixed point and any deviation in the last bits can flip a rounding.
 */
public enum ResampleFilter {
    /** Keys' cubic convolution with {@code a = -0.5}, support 2 (Pillow's {@code BICUBIC}). */
    BICUBIC(2.0) {
        @Override
        double weight(double x) {
            // Same expression shapes as Pillow (a = -0.5) so that rounding is identical.
            final double a = -0.5;
            if (x < 0.0) {
                x = -x;
            }
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    },

    /** Lanczos-3: {@code sinc(x)·sinc(x/3)} on {@code [-3, 3)}, support 3 (Pillow's {@code LANCZOS}). */
    LANCZOS(3.0) {
        @Override
        double weight(double x) {
            // Pillow's window is half-open: -3 is inside, +3 is not.
            if (-3.0 <= x && x < 3.0) {
                return sinc(x) * sinc(x / 3);
            }
            return 0.0;
        }
    };

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /** Half-width of the kernel in source pixels when not downscaling. */
    double support() {
        return support;
    }

    /** The kernel value at distance {@code x} (in filter units) from the sample centre. */
    abstract double weight(double x);

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        // StrictMath (fdlibm) rather than Math: results must not depend on the JIT's intrinsic.
        // Pillow uses the C library's sin, which may differ in the last ulp; after the weights
        // are rounded to 22 fractional bits no tested case has produced a different coefficient.
        return StrictMath.sin(x) / x;
    }
}
