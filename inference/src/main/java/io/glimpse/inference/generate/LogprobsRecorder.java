package io.glimpse.inference.generate;

import io.glimpse.inference.sampling.LogSoftmax;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@link TokenLogprobs} for one generation: {@link #measure} right after a forward pass, while the decoder's
 * logits row is still valid, {@link #keep} once the loop has accepted the token. Only made when logprobs are asked for,
 * so a generation without them does no log-softmax work. Not thread-safe; one per generation.
 */
final class LogprobsRecorder {
    private final int k;
    private final int[] ids;
    private final double[] logprobs;
    private final List<TokenLogprobs> kept = new ArrayList<>();
    private int pendingId = -1;
    private double pendingLogprob;
    private List<TokenLogprobs.Candidate> pendingTop = List.of();

    LogprobsRecorder(int k) {
        this.k = k;
        this.ids = new int[k];
        this.logprobs = new double[k];
    }

    /** Takes the logprobs of {@code chosen} and the k best from the raw row {@code logits[0, vocabSize)}. */
    void measure(float[] logits, int vocabSize, int chosen) {
        double lse = LogSoftmax.logSumExp(logits, 0, vocabSize);
        int count = LogSoftmax.top(logits, 0, vocabSize, lse, k, ids, logprobs);
        TokenLogprobs.Candidate[] top = new TokenLogprobs.Candidate[count];
        for (int i = 0; i < count; i++) {
            top[i] = new TokenLogprobs.Candidate(ids[i], logprobs[i]);
        }
        pendingId = chosen;
        pendingLogprob = logits[chosen] - lse;
        pendingTop = List.of(top);
    }

    /** The measured token became part of the output, adding {@code piece} to the text. */
    void keep(int token, String piece) {
        if (token != pendingId) {
            throw new IllegalStateException("kept token " + token + " but measured " + pendingId);
        }
        kept.add(new TokenLogprobs(token, piece, pendingLogprob, pendingTop));
        pendingId = -1;
    }

    List<TokenLogprobs> kept() {
        return List.copyOf(kept);
    }
}
