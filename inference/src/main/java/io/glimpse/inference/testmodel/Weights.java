package io.glimpse.inference.testmodel;

import java.util.Random;

/**
 * Random weights from one seeded {@link Random}: the same seed and the same sequence of calls give
 * the same numbers on every JVM ({@code Random}'s algorithm is specified). Used by the test models'
 * vision encoder, embedding table and newline; the decoder's weights come from the importer's
 * {@code RandomWeights} (see {@link TinyLlama}). Not thread-safe.
 */
final class Weights {
    private final Random random;

    Weights(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} values drawn from N(0, std²). */
    float[] normal(int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * std);
        }
        return out;
    }
}
