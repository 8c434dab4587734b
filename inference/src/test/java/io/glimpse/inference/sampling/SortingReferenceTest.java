package io.glimpse.inference.sampling;

import static io.glimpse.inference.sampling.LogitsProcessorsTest.kept;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The heap (top-k) and quickselect (top-p) shortcuts against a literal transcription of transformers' sort-based
 * algorithms, on random rows. Logits are rounded to a coarse grid so that many are tied.
 */
class SortingReferenceTest {

    private static final int ROWS = 400;

    @Test
    void topKMatchesSortAndTakeTheKthValue() {
        SplittableRandom random = new SplittableRandom(11);
        for (int r = 0; r < ROWS; r++) {
            float[] row = randomRow(random);
            int k = 1 + random.nextInt(row.length + 2);
            float[] fast = row.clone();
            LogitsProcessors.topK(fast, fast.length, k, new float[Math.min(k, row.length)]);
            assertThat(kept(fast)).as("row %s k %d", Arrays.toString(row), k).containsExactly(referenceTopK(row, k));
        }
    }

    @Test
    void topPMatchesAscendingSortAndCumulativeSum() {
        SplittableRandom random = new SplittableRandom(12);
        for (int r = 0; r < ROWS; r++) {
            float[] row = randomRow(random);
            double topP = 0.05 + 0.9 * random.nextDouble();
            float[] fast = row.clone();
            LogitsProcessors.topP(fast, fast.length, topP, new double[row.length], new int[row.length]);
            assertThat(kept(fast)).as("row %s top-p %s", Arrays.toString(row), topP)
                    .containsExactly(referenceTopP(row, topP));
        }
    }

    /** torch.topk(scores, k)[0][-1] is the k-th largest value counting duplicates; keep scores >= it. */
    private static int[] referenceTopK(float[] row, int k) {
        if (k >= row.length) {
            return IntStream.range(0, row.length).toArray();
        }
        float[] sorted = row.clone();
        Arrays.sort(sorted);
        float kth = sorted[row.length - k];
        return IntStream.range(0, row.length).filter(i -> row[i] >= kth).toArray();
    }

    /**
     * Sort ascending (ties: higher index first, so that lower indices rank higher, our documented tie rule), softmax,
     * cumulative sum, remove where cumulative <= 1 - top_p (plus the documented slack), keep the last one.
     */
    private static int[] referenceTopP(float[] row, double topP) {
        int n = row.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : row) {
            max = Math.max(max, x);
        }
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(row[i] - max);
            total += p[i];
        }
        Integer[] ascending = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(ascending, Comparator.<Integer>comparingDouble(i -> row[i]).thenComparing(i -> -i));
        boolean[] removed = new boolean[n];
        double cumulative = 0;
        for (int j = 0; j < n; j++) {
            cumulative += p[ascending[j]] / total;
            removed[ascending[j]] = cumulative <= 1 - topP + LogitsProcessors.TOP_P_TIE_SLACK;
        }
        removed[ascending[n - 1]] = false;
        return IntStream.range(0, n).filter(i -> !removed[i]).toArray();
    }

    /** 1 to 40 logits on a 0.25 grid in [-4, 4]: plenty of ties. */
    private static float[] randomRow(SplittableRandom random) {
        float[] row = new float[1 + random.nextInt(40)];
        for (int i = 0; i < row.length; i++) {
            row[i] = random.nextInt(-16, 17) * 0.25f;
        }
        return row;
    }
}
