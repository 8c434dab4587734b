package io.glimpse.inference.vision;

import io.glimpse.inference.model.Decoder;
import io.glimpse.inference.model.OrtDecoder;

/**
 * A decoder that takes embeddings, seen as one that takes tokens: every token run goes through
 * {@code embed_tokens} first. This is how generated tokens reach a vision-language decoder; the
 * prompt itself is prefilled from merged rows ({@link #forwardEmbeddings}). Counts the steps it runs,
 * so the pipeline can report decode progress.
 *
 * <p>Not thread-safe; borrows the decoder and the embedder (does not close them).
 */
final class EmbeddedTokenDecoder implements Decoder {
    /** Called after every token step with the number of steps so far. */
    interface StepListener {
        void onStep(int steps);
    }

    private final OrtDecoder decoder;
    private final TokenEmbedder embedder;
    private StepListener steps = n -> { };
    private int stepCount;

    EmbeddedTokenDecoder(OrtDecoder decoder, TokenEmbedder embedder) {
        this.decoder = decoder;
        this.embedder = embedder;
    }

    void onSteps(StepListener listener) {
        this.steps = listener;
        this.stepCount = 0;
    }

    @Override
    public float[] forward(int[] tokens) {
        float[] logits = decoder.forwardEmbeddings(embedder.embed(tokens), tokens.length);
        steps.onStep(++stepCount);
        return logits;
    }

    @Override
    public int forwardArgmax(int[] tokens) {
        int token = decoder.forwardEmbeddingsArgmax(embedder.embed(tokens), tokens.length);
        steps.onStep(++stepCount);
        return token;
    }

    @Override
    public float[] forwardEmbeddings(float[] rows, int count) {
        return decoder.forwardEmbeddings(rows, count);
    }

    @Override
    public int forwardEmbeddingsArgmax(float[] rows, int count) {
        return decoder.forwardEmbeddingsArgmax(rows, count);
    }

    @Override
    public int vocabSize() {
        return decoder.vocabSize();
    }

    @Override
    public int contextLength() {
        return decoder.contextLength();
    }

    @Override
    public int position() {
        return decoder.position();
    }

    @Override
    public void reset() {
        decoder.reset();
    }

    /** Time inside ONNX Runtime of the decoder and the token embedder together. */
    @Override
    public long runNanos() {
        return decoder.runNanos() + embedder.runNanos();
    }

    @Override
    public void close() {
        // borrowed: the model closes the decoder and the embedder
    }
}
