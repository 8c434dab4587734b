package io.glimpse.inference.model;

/**
 * IEEE 754 half-precision conversions (Java 17 has no {@code Float.float16ToFloat}), for fp16
 * graphs' inputs and outputs and fp16 {@code .npy} files. Stateless and thread-safe.
 */
public final class Float16 {
    /** Every half value's float, so a row converts by lookup (256 KB, built once). */
    private static final float[] TABLE = new float[1 << 16];

    static {
        for (int i = 0; i < TABLE.length; i++) {
            TABLE[i] = decode(i);
        }
    }

    private Float16() {
    }

    /** The float value of a half (exact: every half is a float). */
    public static float toFloat(short half) {
        return TABLE[half & 0xFFFF];
    }

    /** The nearest half to {@code value}, ties to even, as {@code Float.floatToFloat16} of Java 20 does. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0)); // inf, or NaN kept NaN
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00); // overflow: infinity
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: zero
            }
            int m = mant | 0x800000; // implicit bit
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is the right rounding (up to infinity)
        }
        return (short) (sign | half);
    }

    private static float decode(int h) {
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13)); // inf or NaN
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mant / 1024f / 16384f; // subnormal: mant × 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
