package io.glimpse.inference.sampling;

import io.glimpse.inference.model.Argmax;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Chooses the next token from one row of decoder logits, as transformers' {@code generate()} does for one
 * sequence: repetition penalty, then (when sampling) temperature → top-k → top-p → min-p, the order in which
 * {@code GenerationMixin._get_logits_processor} appends them; then argmax (greedy) or a draw from the softmax.
 *
 * <p><b>Not thread-safe</b>: it owns reused scratch buffers and a random stream. Use one Sampler per generation,
 * on the generation's thread.
 *
 * <p>Allocation: the buffers are sized to the largest {@code vocabSize} seen and reused, so after the first
 * token a step allocates nothing. The caller's logits array is never modified.
 *
 * <p>Randomness: draws come from a {@link SplittableRandom} seeded with {@link SamplingParams#seed()} (or a
 * random seed). The same seed, params and logits give the same tokens in Glimpse, but not the tokens torch's
 * generator would pick for the same seed.
 */
public final class Sampler {

    private final SamplingParams params;
    private final SplittableRandom random;

    private float[] scores = new float[0];   // the processed row
    private double[] weights = new double[0]; // exp(x - max) for top-p and the final draw
    private int[] order = new int[0];         // top-p's token indices, partitioned in place
    private float[] topKHeap = new float[0];  // top-k's value heap

    public Sampler(SamplingParams params) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = params.seed() == null ? new SplittableRandom() : new SplittableRandom(params.seed());
    }

    public SamplingParams params() {
        return params;
    }

    /**
     * True when the next token is simply the argmax of the raw logits (greedy, no repetition penalty): the
     * generation loop then asks the decoder for {@link io.glimpse.inference.model.Decoder#forwardArgmax} and
     * skips converting the row.
     */
    public boolean isPlainArgmax() {
        return params.isGreedy() && params.repetitionPenalty() == 1.0;
    }

    /** {@link #next(float[], int, int, int[], int)} for a row that starts at index 0 of {@code logits}. */
    public int next(float[] logits, int vocabSize, int[] history, int historyLength) {
        return next(logits, 0, vocabSize, history, historyLength);
    }

    /**
     * Picks the next token id.
     *
     * @param logits        decoder output; the row is {@code logits[offset, offset + vocabSize)}
     * @param offset        where the row starts (e.g. the last position of a [seq, vocab] output)
     * @param vocabSize     number of valid entries, i.e. min(row length, tokenizer vocabulary): decoder rows
     *                      are often padded past the vocabulary (or stop short of added tokens); ids ≥ vocabSize
     *                      are never returned and padding is never read
     * @param history       prompt + generated ids, for the repetition penalty (ids outside [0, vocabSize) skipped);
     *                      may be null when {@code historyLength} is 0
     * @param historyLength how many leading entries of {@code history} are valid
     * @return a token id in [0, vocabSize)
     * @throws IllegalArgumentException when a logit in the row is NaN or +∞
     * @throws IllegalStateException when sampling and every logit is −∞ (nothing can be drawn)
     */
    public int next(float[] logits, int offset, int vocabSize, int[] history, int historyLength) {
        if (isPlainArgmax()) {
            checkHistory(history, historyLength);
            return Argmax.ofFloats(logits, offset, vocabSize); // nothing changes the row: skip the copy
        }
        float[] row = process(logits, offset, vocabSize, history, historyLength);
        if (params.isGreedy()) {
            return LogitsProcessors.argmax(row, vocabSize);
        }
        return draw(row, vocabSize);
    }

    /**
     * Applies the processors and returns the internal buffer holding the processed row in [0, vocabSize);
     * valid until the next call. Package-private: the tests look at exactly which tokens survive.
     */
    float[] process(float[] logits, int offset, int vocabSize, int[] history, int historyLength) {
        Objects.requireNonNull(logits, "logits");
        if (vocabSize <= 0 || offset < 0 || offset > logits.length - vocabSize) {
            throw new IllegalArgumentException("a logits row of " + vocabSize + " at offset " + offset
                    + " does not fit in an array of " + logits.length);
        }
        checkHistory(history, historyLength);
        ensureCapacity(vocabSize);
        for (int i = 0; i < vocabSize; i++) {
            float x = logits[offset + i];
            // NaN or +inf would turn the softmax into NaN (torch then fails in multinomial) or make argmax
            // meaningless: fail here, where the message can say which logit, rather than pick garbage.
            if (!(x < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("logit " + i + " is " + x
                        + "; only finite values and -Infinity are valid");
            }
            scores[i] = x;
        }
        LogitsProcessors.repetitionPenalty(scores, logits, offset, vocabSize, history, historyLength,
                params.repetitionPenalty());
        if (params.isGreedy()) {
            return scores; // transformers applies the warpers only when do_sample=True
        }
        LogitsProcessors.temperature(scores, vocabSize, params.temperature());
        LogitsProcessors.topK(scores, vocabSize, params.topK(), topKHeap);
        LogitsProcessors.topP(scores, vocabSize, params.topP(), weights, order);
        LogitsProcessors.minP(scores, vocabSize, params.minP());
        return scores;
    }

    private static void checkHistory(int[] history, int historyLength) {
        if (historyLength < 0 || historyLength > (history == null ? 0 : history.length)) {
            throw new IllegalArgumentException("history length " + historyLength + " exceeds the history array");
        }
    }

    /** Inverse-CDF draw from softmax(row): one uniform double per token. */
    private int draw(float[] row, int n) {
        double total = LogitsProcessors.expWeights(row, n, weights);
        if (!(total > 0)) {
            throw new IllegalStateException("cannot sample: every logit is -inf");
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (w > 0) {
                cumulative += w;
                last = i;
                if (target < cumulative) {
                    return i;
                }
            }
        }
        return last; // rounding left target ≥ the running sum: the last possible token
    }

    private void ensureCapacity(int n) {
        if (scores.length < n) {
            scores = new float[n];
            weights = new double[n];
            order = new int[n];
        }
        int k = Math.min(params.topK(), n);
        if (topKHeap.length < k) {
            topKHeap = new float[k];
        }
    }
}
