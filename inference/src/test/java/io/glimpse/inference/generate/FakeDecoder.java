package io.glimpse.inference.generate;

import io.glimpse.inference.InferenceException;
import io.glimpse.inference.model.Decoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A decoder that returns rigged logits: {@code script.apply(step)} for the step-th forward call. A prefill from
 * embedding rows counts as a call of {@code count} zeros.
 */
final class FakeDecoder implements Decoder {
    final List<int[]> calls = new ArrayList<>();
    /** Calls that went through {@link #forwardArgmax} or {@link #forwardEmbeddingsArgmax}. */
    int argmaxCalls;
    private final int vocab;
    private final int context;
    private final IntFunction<float[]> script;
    int failAtCall = -1;
    private int position;

    FakeDecoder(int vocab, int context, IntFunction<float[]> script) {
        this.vocab = vocab;
        this.context = context;
        this.script = script;
    }

    /** Logits that make {@code token} the argmax (value 5), the rest 0. */
    static float[] pick(int vocab, int token) {
        float[] l = new float[vocab];
        l[token] = 5;
        return l;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public int contextLength() {
        return context;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public float[] forward(int[] tokens) {
        if (calls.size() == failAtCall) {
            throw new InferenceException("rigged failure", null);
        }
        calls.add(tokens.clone());
        position += tokens.length;
        return script.apply(calls.size() - 1);
    }

    @Override
    public int forwardArgmax(int[] tokens) {
        argmaxCalls++;
        return Decoder.super.forwardArgmax(tokens);
    }

    @Override
    public float[] forwardEmbeddings(float[] rows, int count) {
        return forward(new int[count]);
    }

    @Override
    public int forwardEmbeddingsArgmax(float[] rows, int count) {
        argmaxCalls++;
        return Decoder.super.forwardEmbeddingsArgmax(rows, count);
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public long runNanos() {
        return 0;
    }

    @Override
    public void close() {
    }
}
