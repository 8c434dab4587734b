package io.glimpse.inference.model;

import java.util.Objects;

/**
 * The lowest-index largest logit of a row, for greedy decoding, over float32 logits or directly over
 * float16 bits (so a half-precision row need not be converted first). Both refuse a row holding NaN
 * or +∞ with the same message, because argmax over such a row is meaningless (transformers would
 * pick the NaN). Stateless and thread-safe.
 */
public final class Argmax {
    /** Sortable key of float16 −∞ (0xFC00); a smaller key is a NaN with the sign bit set. */
    static final int NEGATIVE_INFINITY_KEY = -31745;
    /** Sortable key of float16 +∞ (0x7C00); a key at or above it is +∞ or a positive NaN. */
    static final int POSITIVE_INFINITY_KEY = 0x7C00;
    /** Whether the Vector API is there (the launcher and the tests add {@code --add-modules jdk.incubator.vector}). */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("glimpse.scalarArgmax");

    private Argmax() {
    }

    /** Argmax of {@code logits[offset, offset + n)}, as an index in [0, n). */
    public static int ofFloats(float[] logits, int offset, int n) {
        Objects.requireNonNull(logits, "logits");
        if (n <= 0 || offset < 0 || offset > logits.length - n) {
            throw new IllegalArgumentException("a logits row of " + n + " at offset " + offset
                    + " does not fit in an array of " + logits.length);
        }
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float x = logits[offset + i];
            if (!(x < Float.POSITIVE_INFINITY)) {
                throw invalid(i, x);
            }
            if (x > bestValue) {
                bestValue = x;
                best = i;
            }
        }
        return best;
    }

    /**
     * Argmax of {@code halves[0, n)}, IEEE float16 bit patterns, without converting them: a half's bits,
     * with the low 15 bits flipped when the sign is set, order as signed integers the way the values do
     * (−0 just below +0, which only matters for a row whose maximum is zero, where the first +0 wins
     * over an earlier −0; float comparison would take the earlier −0).
     */
    public static int ofHalves(short[] halves, int n) {
        if (VECTOR) {
            int best = VectorHalfArgmax.argmax(halves, n);
            if (best >= 0) {
                return best;
            }
        }
        return ofHalvesScalar(halves, n);
    }

    /** The scalar loop behind {@link #ofHalves}, used without the Vector API and to name a NaN's index. */
    static int ofHalvesScalar(short[] halves, int n) {
        int bestKey = Integer.MIN_VALUE;
        int best = 0;
        boolean negativeNan = false;
        for (int i = 0; i < n; i++) {
            int v = halves[i];
            int key = v ^ ((v >> 15) & 0x7FFF);
            if (key > bestKey) {
                bestKey = key;
                best = i;
            } else if (key < NEGATIVE_INFINITY_KEY) {
                negativeNan = true;
            }
        }
        if (bestKey >= POSITIVE_INFINITY_KEY || negativeNan) {
            for (int i = 0; i < n; i++) {
                float x = Float16.toFloat(halves[i]);
                if (!(x < Float.POSITIVE_INFINITY)) {
                    throw invalid(i, x);
                }
            }
        }
        return best;
    }

    private static IllegalArgumentException invalid(int index, float value) {
        return new IllegalArgumentException("logit " + index + " is " + value + "; only finite values and -Infinity are valid");
    }
}
