package io.glimpse.inference.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Log-softmax of a raw row against hand-computed values, and the top-k selection's order. */
class LogSoftmaxTest {
    static final float NEG = Float.NEGATIVE_INFINITY;

    @Test
    void logprobsOfOneTwoThreeMatchTheHandComputedValues() {
        // log Σ exp = 3 + ln(1 + e^-1 + e^-2) = 3 + ln(1.5032147244080551) = 3.4076059644443806
        assertThat(LogSoftmax.logSumExp(new float[] {1, 2, 3}, 0, 3)).isCloseTo(3.4076059644443806, within(1e-15));
        assertThat(LogSoftmax.of(new float[] {1, 2, 3}, 0, 3))
                .containsExactly(new double[] {-2.4076059644443806, -1.4076059644443806, -0.4076059644443806}, within(1e-15));
    }

    @Test
    void equalLogitsShareTheMassAndMinusInfinityHasNone() {
        double quarter = -2 * Math.log(2); // ln(1/4)
        assertThat(LogSoftmax.of(new float[] {0, 0, NEG, 0, 0}, 0, 5))
                .containsExactly(new double[] {quarter, quarter, Double.NEGATIVE_INFINITY, quarter, quarter}, within(1e-15));
    }

    @Test
    void theRowIsShiftedByItsMaximumSoHugeLogitsDoNotOverflow() {
        // exp(1000) is +inf even in double: without the shift these would be NaN
        assertThat(LogSoftmax.of(new float[] {1000, 1000}, 0, 2)).containsExactly(new double[] {-Math.log(2), -Math.log(2)}, within(1e-12));
        assertThat(LogSoftmax.of(new float[] {-1000, 0}, 0, 2)).containsExactly(-1000.0, 0.0);
    }

    @Test
    void theProbabilitiesOfALargeRowSumToOne() {
        SplittableRandom random = new SplittableRandom(7);
        float[] row = new float[50_000 + 3];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (750 + 250 * random.nextDouble()); // exp of these overflows double without the shift
        }
        double[] logprobs = LogSoftmax.of(row, 3, 50_000);
        assertThat(Arrays.stream(logprobs).map(Math::exp).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(Arrays.stream(logprobs).max().getAsDouble()).isLessThanOrEqualTo(0.0);
        assertThat(logprobs[0]).isEqualTo(row[3] - LogSoftmax.logSumExp(row, 3, 50_000)); // the offset is honoured
    }

    @Test
    void rowsWithoutADistributionAreRefusedNamingTheLogit() {
        assertThatThrownBy(() -> LogSoftmax.logSumExp(new float[] {0, Float.NaN}, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logit 1 is NaN; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> LogSoftmax.logSumExp(new float[] {Float.POSITIVE_INFINITY}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logit 0 is Infinity; only finite values and -Infinity are valid");
        assertThatThrownBy(() -> LogSoftmax.logSumExp(new float[] {NEG, NEG}, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("every logit is -Infinity: the row has no log-probabilities");
        assertThatThrownBy(() -> LogSoftmax.logSumExp(new float[] {0, 0}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a logits row of 2 at offset 1 does not fit in an array of 2");
    }

    @Test
    void topListsTheBestFirstAndEqualLogprobsByLowerId() {
        float[] row = {1, 3, 3, 2, 3};
        double lse = LogSoftmax.logSumExp(row, 0, 5);
        double[] all = LogSoftmax.of(row, 0, 5);
        int[] ids = new int[8];
        double[] logprobs = new double[8];
        assertThat(LogSoftmax.top(row, 0, 5, lse, 2, ids, logprobs)).isEqualTo(2);
        assertThat(Arrays.copyOf(ids, 2)).containsExactly(1, 2);
        assertThat(LogSoftmax.top(row, 0, 5, lse, 4, ids, logprobs)).isEqualTo(4);
        assertThat(Arrays.copyOf(ids, 4)).containsExactly(1, 2, 4, 3);
        assertThat(LogSoftmax.top(row, 0, 5, lse, 8, ids, logprobs)).isEqualTo(5); // k above the row: the whole row
        assertThat(Arrays.copyOf(ids, 5)).containsExactly(1, 2, 4, 3, 0);
        assertThat(Arrays.copyOf(logprobs, 5)).containsExactly(all[1], all[2], all[4], all[3], all[0]);
    }

    @Test
    void topFindsTheBestWhereverTheyAreInTheRow() {
        float[] row = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] ids = new int[3];
        double[] logprobs = new double[3];
        LogSoftmax.top(row, 0, 10, LogSoftmax.logSumExp(row, 0, 10), 3, ids, logprobs);
        assertThat(ids).containsExactly(9, 8, 7); // each new one displaces the list: insertion runs its full length
        float[] falling = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        LogSoftmax.top(falling, 0, 10, LogSoftmax.logSumExp(falling, 0, 10), 3, ids, logprobs);
        assertThat(ids).containsExactly(0, 1, 2);
    }

    @Test
    void topLeavesOutTokensThatCannotOccur() {
        float[] row = {NEG, 0, NEG};
        int[] ids = new int[3];
        double[] logprobs = new double[3];
        assertThat(LogSoftmax.top(row, 0, 3, LogSoftmax.logSumExp(row, 0, 3), 3, ids, logprobs)).isEqualTo(1);
        assertThat(ids[0]).isEqualTo(1);
        assertThat(logprobs[0]).isEqualTo(0.0);
    }
}
