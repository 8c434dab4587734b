package io.glimpse.inference.model;

/**
 * A causal language model with a key/value cache: feed tokens, get the logits of the last one.
 * Implementations: {@link OrtDecoder} (ONNX Runtime) and, in tests, fakes that return rigged logits.
 *
 * <p>Not thread-safe: one generation at a time. The returned logits array belongs to the decoder
 * and is overwritten by the next call; copy it to keep it.
 */
public interface Decoder extends AutoCloseable {
    /** Width of the logits rows. */
    int vocabSize();

    /** Tokens the model can attend to in all (prompt + output). */
    int contextLength();

    /** Tokens already in the cache. */
    int position();

    /**
     * Runs {@code tokens} after those already cached and returns the logits of the last one.
     *
     * @throws IllegalStateException when the cache would exceed the context length
     */
    float[] forward(int[] tokens);

    /**
     * Runs {@code tokens} like {@link #forward} and returns the lowest index of the largest logit of the last
     * one (greedy decoding). Implementations may skip materialising the float row (a float16 decoder compares
     * the half bits directly).
     *
     * @throws IllegalArgumentException when the row holds NaN or +∞
     */
    default int forwardArgmax(int[] tokens) {
        return Argmax.ofFloats(forward(tokens), 0, vocabSize());
    }

    /**
     * Runs {@code count} embedding rows ({@code count × hidden} floats) after those already cached and
     * returns the logits of the last one: how a vision-language prompt, with image features merged
     * into its token embeddings, is prefilled.
     *
     * @throws UnsupportedOperationException when the decoder takes token ids only
     */
    default float[] forwardEmbeddings(float[] rows, int count) {
        throw new UnsupportedOperationException("this decoder takes token ids, not embeddings");
    }

    /** {@link #forwardEmbeddings} followed by {@link Argmax} of the last row, like {@link #forwardArgmax}. */
    default int forwardEmbeddingsArgmax(float[] rows, int count) {
        return Argmax.ofFloats(forwardEmbeddings(rows, count), 0, vocabSize());
    }

    /** Empties the cache, for a new prompt. */
    void reset();

    /** Nanoseconds spent inside the model runtime so far (for the loop-overhead figure). */
    long runNanos();

    @Override
    void close();
}
