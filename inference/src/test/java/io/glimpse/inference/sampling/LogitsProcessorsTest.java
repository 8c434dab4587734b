package io.glimpse.inference.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each processor on rigged rows, with the expected result worked out by hand from transformers' definition. */
class LogitsProcessorsTest {

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveMultipliesNegativeAndCountsEachIdOnce() {
        float[] original = {2.0f, -1.0f, 0.5f, 3.0f};
        float[] scores = original.clone();
        // ids 0 and 1 occur twice; 7 is outside the row and -1 is not an id: both skipped.
        int[] history = {0, 1, 1, 0, 7, -1, 99};
        LogitsProcessors.repetitionPenalty(scores, original, 0, 4, history, 6, 2.0);
        // 2 / 2 = 1 (not 0.5: penalised once); -1 * 2 = -2 (not -4); 0.5 and 3 untouched; history[6] is past the length.
        assertThat(scores).containsExactly(1.0f, -2.0f, 0.5f, 3.0f);
        assertThat(original).containsExactly(2.0f, -1.0f, 0.5f, 3.0f);
    }

    @Test
    void repetitionPenaltyBelowOneRewardsAndZeroLogitStaysZero() {
        float[] original = {0.0f, -3.0f, 4.0f};
        float[] scores = original.clone();
        LogitsProcessors.repetitionPenalty(scores, original, 0, 3, new int[] {0, 1, 2}, 3, 0.5);
        // 0 is not < 0, so it is divided: 0 / 0.5 = 0; -3 * 0.5 = -1.5; 4 / 0.5 = 8.
        assertThat(scores).containsExactly(0.0f, -1.5f, 8.0f);
    }

    @Test
    void repetitionPenaltyReadsTheRowAtItsOffset() {
        float[] logits = {9f, 9f, 2.0f, -1.0f};
        float[] scores = {2.0f, -1.0f};
        LogitsProcessors.repetitionPenalty(scores, logits, 2, 2, new int[] {1}, 1, 2.0);
        assertThat(scores).containsExactly(2.0f, -2.0f);
    }

    @Test
    void temperatureDivides() {
        float[] scores = {2.0f, -1.0f, 0.5f, NEG_INF};
        LogitsProcessors.temperature(scores, 4, 0.5);
        assertThat(scores).containsExactly(4.0f, -2.0f, 1.0f, NEG_INF);
    }

    @Test
    void topKKeepsEveryTieAtTheKthValue() {
        // torch.topk(k=2) values = [3, 3], kth = 3; transformers masks scores < 3, so all three 3s survive.
        assertThat(keptByTopK(new float[] {1, 3, 3, 2, 3, 0}, 2)).containsExactly(1, 2, 4);
        // k = 4: top values 3, 3, 3, 2 -> kth = 2 -> the 2 survives, 1 and 0 go.
        assertThat(keptByTopK(new float[] {1, 3, 3, 2, 3, 0}, 4)).containsExactly(1, 2, 3, 4);
        // k = 1 with a tie at the top keeps both maxima.
        assertThat(keptByTopK(new float[] {1, 5, 5}, 1)).containsExactly(1, 2);
        // k >= row size is clamped by transformers: nothing removed.
        assertThat(keptByTopK(new float[] {1, 2, 3}, 3)).containsExactly(0, 1, 2);
        assertThat(keptByTopK(new float[] {1, 2, 3}, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void topKWithFewerFiniteValuesThanKRemovesNothingFinite() {
        assertThat(keptByTopK(new float[] {NEG_INF, 1, NEG_INF, 2}, 3)).containsExactly(1, 3);
    }

    @Test
    void topPBoundaryCasesFollowTransformersInequality() {
        // Probabilities 0.5, 0.3, 0.2. Transformers sorts ascending: 0.2, 0.3, 0.5, cumulative 0.2, 0.5, 1.0, and
        // removes tokens whose cumulative is <= 1 - top_p, then keeps the last (most likely) token regardless.
        float[] row = logs(0.5, 0.3, 0.2);
        // top_p 0.8: 1 - p = 0.2; 0.2 <= 0.2 (equality counts) -> the 0.2 token goes; 0.5 > 0.2 keeps the rest.
        // (With these logits rounded to float the 0.2 token's share is 0.19999999611, still <= 0.2.)
        assertThat(keptByTopP(row, 0.8)).containsExactly(0, 1);
        // top_p 0.81: 1 - p = 0.19; no cumulative is <= 0.19 -> all three stay.
        assertThat(keptByTopP(row, 0.81)).containsExactly(0, 1, 2);
        // top_p 0.51: 1 - p = 0.49; only 0.2 <= 0.49 -> 0.2 goes.
        assertThat(keptByTopP(row, 0.51)).containsExactly(0, 1);
        // top_p 0.5: 1 - p = 0.5; 0.2 and 0.5 (the 0.3 token's cumulative) are <= 0.5 -> only the 0.5 token stays.
        assertThat(keptByTopP(row, 0.5)).containsExactly(0);
        // A tiny top_p removes everything by the inequality, but min_tokens_to_keep = 1 saves the top token.
        assertThat(keptByTopP(row, 1e-6)).containsExactly(0);
        // top_p 1 is "off" (transformers does not add the warper).
        assertThat(keptByTopP(row, 1.0)).containsExactly(0, 1, 2);
    }

    @Test
    void topPOrderDoesNotDependOnPosition() {
        // Same distribution, shuffled: the 0.2 token (index 0) goes at top_p 0.8.
        assertThat(keptByTopP(logs(0.2, 0.5, 0.3), 0.8)).containsExactly(1, 2);
    }

    @Test
    void topPOnEqualProbabilitiesKeepsLowerIndicesFirst() {
        // Four equal logits: p = 0.25 each, exact in floating point. top_p 0.5: ascending cumulative 0.25, 0.5, 0.75,
        // 1.0 -> the two with cumulative <= 0.5 go, two stay. Which two is our tie rule: lower index ranks higher.
        assertThat(keptByTopP(new float[] {0, 0, 0, 0}, 0.5)).containsExactly(0, 1);
        // top_p 0.5 + 1e-7: 1 - p = 0.4999999 < 0.5, so now only the first cumulative (0.25) is removed.
        assertThat(keptByTopP(new float[] {0, 0, 0, 0}, 0.5 + 1e-7)).containsExactly(0, 1, 2);
        // Three equal logits, top_p 2/3: 1 - p = 1/3 in double and the first cumulative is 1/3 -> removed.
        assertThat(keptByTopP(new float[] {0, 0, 0}, 2.0 / 3.0)).containsExactly(0, 1);
    }

    @Test
    void topPIgnoresTokensAlreadyRemoved() {
        // After top-k the -inf tokens have probability 0; the rest renormalise to 0.5, 0.3, 0.2 as before.
        float[] row = logs(0.5, 0.3, 0.2);
        float[] withHoles = {NEG_INF, row[0], NEG_INF, row[1], row[2]};
        assertThat(keptByTopP(withHoles, 0.8)).containsExactly(1, 3);
    }

    @Test
    void minPRemovesTokensBelowMinPTimesTheTopProbability() {
        // 0.6, 0.25, 0.1, 0.05 with min_p 0.2: threshold 0.2 * 0.6 = 0.12 -> 0.1 and 0.05 go.
        assertThat(keptByMinP(logs(0.6, 0.25, 0.1, 0.05), 0.2)).containsExactly(0, 1);
        // 0.4, 0.35, 0.25 with min_p 0.5: threshold 0.2 -> all stay.
        assertThat(keptByMinP(logs(0.4, 0.35, 0.25), 0.5)).containsExactly(0, 1, 2);
        // min_p 1 keeps exactly the tokens tied at the top (p < p_max is false for them).
        assertThat(keptByMinP(new float[] {2, 2, 1}, 1.0)).containsExactly(0, 1);
        // min_p 0 is off.
        assertThat(keptByMinP(new float[] {0, -100, -1000}, 0.0)).containsExactly(0, 1, 2);
    }

    @Test
    void argmaxTakesTheLowestIndexOnTies() {
        assertThat(LogitsProcessors.argmax(new float[] {1, 5, 5, 2}, 4)).isEqualTo(1);
        assertThat(LogitsProcessors.argmax(new float[] {7, 1, 7}, 3)).isZero();
        assertThat(LogitsProcessors.argmax(new float[] {NEG_INF, NEG_INF}, 2)).isZero();
        // Only the first n entries count.
        assertThat(LogitsProcessors.argmax(new float[] {1, 2, 99}, 2)).isEqualTo(1);
    }

    // ---- helpers ----

    /** Natural logs of the given probabilities as float logits. */
    static float[] logs(double... probabilities) {
        float[] out = new float[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(probabilities[i]);
        }
        return out;
    }

    static int[] kept(float[] scores) {
        return IntStream.range(0, scores.length).filter(i -> scores[i] != NEG_INF).toArray();
    }

    private static int[] keptByTopK(float[] row, int k) {
        float[] s = row.clone();
        LogitsProcessors.topK(s, s.length, k, new float[Math.min(k, s.length)]);
        return kept(s);
    }

    private static int[] keptByTopP(float[] row, double topP) {
        float[] s = row.clone();
        LogitsProcessors.topP(s, s.length, topP, new double[s.length], new int[s.length]);
        return kept(s);
    }

    private static int[] keptByMinP(float[] row, double minP) {
        float[] s = row.clone();
        LogitsProcessors.minP(s, s.length, minP);
        return kept(s);
    }
}
