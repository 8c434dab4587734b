package io.glimpse.inference.sampling;

import static io.glimpse.inference.sampling.LogitsProcessorsTest.kept;
import static io.glimpse.inference.sampling.LogitsProcessorsTest.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int[] NO_HISTORY = new int[0];

    @Test
    void greedyTakesTheLowestIndexOnTies() {
        Sampler s = new Sampler(SamplingParams.greedy());
        assertThat(s.next(new float[] {1, 5, 5, 2}, 4, NO_HISTORY, 0)).isEqualTo(1);
    }

    @Test
    void greedyAppliesTheRepetitionPenaltyButNoWarper() {
        // Token 1 (5.0) was already generated: 5 / 2 = 2.5 < 4.9, so greedy moves to token 2.
        // top-k 1 and temperature are ignored in greedy mode, as in transformers (warpers need do_sample).
        Sampler s = new Sampler(SamplingParams.greedy().withRepetitionPenalty(2.0).withTopK(1));
        float[] logits = {1, 5, 4.9f, 0};
        assertThat(s.next(logits, 4, new int[] {1}, 1)).isEqualTo(2);
        assertThat(s.process(logits, 0, 4, new int[] {1}, 1)).startsWith(1f, 2.5f, 4.9f, 0f);
    }

    @Test
    void onlyTheFirstVocabSizeEntriesCountAndTheCallersArrayIsUntouched() {
        float[] padded = {0, 1, 2, 99}; // decoder row longer than the tokenizer vocabulary
        float[] copy = padded.clone();
        // 99 sits past vocabSize 3 and never counts; history id 3 is outside the vocabulary and skipped;
        // id 2 is penalised to 2 / 3 = 0.67 < 1, so token 1 wins.
        Sampler greedy = new Sampler(SamplingParams.greedy().withRepetitionPenalty(3.0));
        assertThat(greedy.next(padded, 3, new int[] {3, 2}, 2)).isEqualTo(1);
        assertThat(padded).containsExactly(copy);
        // Sampling never returns an id >= vocabSize either.
        Sampler sampler = new Sampler(SamplingParams.defaults().withSeed(3L));
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.next(padded, 3, NO_HISTORY, 0)).isBetween(0, 2);
        }
    }

    @Test
    void rowAtAnOffset() {
        float[] batch = {9, 9, 9, /* row: */ 0, 3, 1};
        assertThat(new Sampler(SamplingParams.greedy()).next(batch, 3, 3, NO_HISTORY, 0)).isEqualTo(1);
    }

    @Test
    void temperatureComesBeforeTopPSoItChangesTheKeptSet() {
        // Logits 2, 1, 0. Transformers' order: temperature 0.5 first -> 4, 2, 0 -> p = 0.867, 0.117, 0.016.
        // top_p 0.7: mass above token 1 is 0.867 >= 0.7 -> only token 0 survives.
        float[] logits = {2, 1, 0};
        Sampler hf = new Sampler(SamplingParams.defaults().withTemperature(0.5).withTopP(0.7));
        assertThat(kept(Arrays.copyOf(hf.process(logits, 0, 3, NO_HISTORY, 0), 3))).containsExactly(0);

        // The other order: top-p on p = 0.665, 0.245, 0.090 keeps tokens 0 and 1 (mass above token 1 is
        // 0.665 < 0.7); dividing by the temperature afterwards cannot bring token 1 back out.
        float[] reversed = logits.clone();
        LogitsProcessors.topP(reversed, 3, 0.7, new double[3], new int[3]);
        LogitsProcessors.temperature(reversed, 3, 0.5);
        assertThat(kept(reversed)).containsExactly(0, 1);
    }

    @Test
    void temperatureComesBeforeMinP() {
        // Logits 0, -1. At T = 1, p1/p0 = e^-1 = 0.368 >= 0.3: kept. Transformers applies T = 0.5 first:
        // p1/p0 = e^-2 = 0.135 < 0.3 -> removed.
        float[] logits = {0, -1};
        Sampler hf = new Sampler(SamplingParams.defaults().withTemperature(0.5).withMinP(0.3));
        assertThat(kept(Arrays.copyOf(hf.process(logits, 0, 2, NO_HISTORY, 0), 2))).containsExactly(0);

        float[] reversed = logits.clone();
        LogitsProcessors.minP(reversed, 2, 0.3);
        LogitsProcessors.temperature(reversed, 2, 0.5);
        assertThat(kept(reversed)).containsExactly(0, 1);
    }

    @Test
    void topKThenTopPThenMinPAllApply() {
        // p = 0.4, 0.3, 0.2, 0.06, 0.04. top-k 4 drops 0.04; renormalised 0.417, 0.3125, 0.208, 0.0625.
        // top-p 0.9: mass above the 0.0625 token is 0.9375 >= 0.9 -> dropped (above token 2: 0.729, kept).
        // min-p 0.6: ratios to the top token are 0.75 (kept) and 0.5 (< 0.6, dropped). Left: 0 and 1.
        float[] logits = logs(0.4, 0.3, 0.2, 0.06, 0.04);
        Sampler s = new Sampler(SamplingParams.defaults().withTopK(4).withTopP(0.9).withMinP(0.6));
        assertThat(kept(Arrays.copyOf(s.process(logits, 0, 5, NO_HISTORY, 0), 5))).containsExactly(0, 1);
    }

    @Test
    void sameSeedSameTokens() {
        float[] logits = logs(0.2, 0.2, 0.2, 0.2, 0.2);
        SamplingParams p = SamplingParams.defaults().withSeed(1234L);
        assertThat(draws(new Sampler(p), logits, 500)).containsExactly(draws(new Sampler(p), logits, 500));
        assertThat(draws(new Sampler(p.withSeed(1235L)), logits, 500)).isNotEqualTo(draws(new Sampler(p), logits, 500));
    }

    @Test
    void frequenciesMatchTheSoftmax() {
        // 200,000 draws, fixed seed (so the test is deterministic). Each frequency must be within 5 standard
        // deviations of a binomial proportion, sqrt(p(1-p)/N): at most 0.0056 for p = 0.5.
        double[] p = {0.5, 0.3, 0.15, 0.05};
        int n = 200_000;
        int[] counts = new int[p.length];
        Sampler s = new Sampler(SamplingParams.defaults().withSeed(42L));
        float[] logits = logs(p);
        for (int i = 0; i < n; i++) {
            counts[s.next(logits, p.length, NO_HISTORY, 0)]++;
        }
        for (int t = 0; t < p.length; t++) {
            double tolerance = 5 * Math.sqrt(p[t] * (1 - p[t]) / n);
            assertThat((double) counts[t] / n).as("token %d", t).isCloseTo(p[t], Offset.offset(tolerance));
        }
    }

    @Test
    void frequenciesAfterTopKAreRenormalised() {
        // top-k 2 on 0.5, 0.3, 0.15, 0.05 leaves 0.5 / 0.8 = 0.625 and 0.3 / 0.8 = 0.375; the rest never appear.
        int n = 100_000;
        int[] counts = new int[4];
        Sampler s = new Sampler(SamplingParams.defaults().withTopK(2).withSeed(7L));
        float[] logits = logs(0.5, 0.3, 0.15, 0.05);
        for (int i = 0; i < n; i++) {
            counts[s.next(logits, 4, NO_HISTORY, 0)]++;
        }
        double tolerance = 5 * Math.sqrt(0.625 * 0.375 / n); // 0.0077
        assertThat((double) counts[0] / n).isCloseTo(0.625, Offset.offset(tolerance));
        assertThat(counts[2] + counts[3]).isZero();
    }

    @Test
    void aWarmStepAllocatesNothingProportionalToTheVocabulary() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        var counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled());

        int vocab = 100_000;
        SplittableRandom random = new SplittableRandom(5);
        float[] logits = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            logits[i] = (float) (random.nextDouble() * 12 - 6);
        }
        int[] history = random.ints(256, 0, vocab).toArray();
        // Every processor on, top-k off so top-p works on the whole row.
        Sampler s = new Sampler(SamplingParams.defaults().withTopK(0).withTopP(0.9).withMinP(0.01)
                .withTemperature(0.8).withRepetitionPenalty(1.1).withSeed(9L));
        for (int i = 0; i < 20; i++) {
            s.next(logits, vocab, history, history.length); // first call sizes the buffers
        }
        long before = counter.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            s.next(logits, vocab, history, history.length);
        }
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        // One float[vocab] would be 400 kB; 50 steps must stay far below a single one.
        assertThat(allocated).isLessThan(vocab);
    }

    @Test
    void samplingWithEveryLogitMinusInfinityFails() {
        float[] logits = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> new Sampler(SamplingParams.defaults()).next(logits, 2, NO_HISTORY, 0))
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot sample: every logit is -inf");
    }

    @Test
    void badRowOrHistoryIsRejected() {
        Sampler s = new Sampler(SamplingParams.greedy());
        assertThatThrownBy(() -> s.next(new float[3], 5, NO_HISTORY, 0))
                .hasMessage("a logits row of 5 at offset 0 does not fit in an array of 3");
        assertThatThrownBy(() -> s.next(new float[3], 2, 2, NO_HISTORY, 0))
                .hasMessage("a logits row of 2 at offset 2 does not fit in an array of 3");
        assertThatThrownBy(() -> s.next(new float[3], 3, new int[1], 2))
                .hasMessage("history length 2 exceeds the history array");
        assertThatThrownBy(() -> s.next(new float[] {0, Float.NaN, 1}, 3, NO_HISTORY, 0))
                .hasMessage("logit 1 is NaN; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> s.next(new float[] {0, 1, Float.POSITIVE_INFINITY}, 3, NO_HISTORY, 0))
                .hasMessage("logit 2 is Infinity; only finite values and -Infinity are valid");
        // Padding past vocabSize is not inspected.
        assertThat(s.next(new float[] {0, 1, Float.NaN}, 2, NO_HISTORY, 0)).isEqualTo(1);
    }

    private static int[] draws(Sampler s, float[] logits, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = s.next(logits, logits.length, NO_HISTORY, 0);
        }
        return out;
    }
}
