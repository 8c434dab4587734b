package io.glimpse.inference.sampling;

import java.util.Objects;

/**
 * Log-probabilities of a raw logits row: {@code logprob(i) = x[i] − log Σ exp(x[j])}, in float64 over the float32
 * logits, shifted by the row's maximum so that no exp overflows (logits of ±1000 are fine). A logit of −∞ has
 * logprob −∞; a row holding NaN or +∞, or only −∞, has no distribution and is refused.
 *
 * <p>This is the model's own distribution: no repetition penalty, temperature, top-k, top-p or min-p. Stateless
 * static methods, thread-safe as long as the arrays are not shared.
 */
public final class LogSoftmax {
    private LogSoftmax() {
    }

    /**
     * {@code log Σ exp(x)} over {@code logits[offset, offset + n)}: subtract it from a logit to get its logprob.
     *
     * @throws IllegalArgumentException when the row does not fit the array, holds NaN or +∞, or is all −∞
     */
    public static double logSumExp(float[] logits, int offset, int n) {
        Objects.requireNonNull(logits, "logits");
        if (n <= 0 || offset < 0 || offset > logits.length - n) {
            throw new IllegalArgumentException("a logits row of " + n + " at offset " + offset
                    + " does not fit in an array of " + logits.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float x = logits[offset + i];
            if (!(x < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("logit " + i + " is " + x + "; only finite values and -Infinity are valid");
            }
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every logit is -Infinity: the row has no log-probabilities");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[offset + i] - max); // exp(−∞) = 0
        }
        return max + Math.log(sum); // sum ≥ 1: the maximum contributes exp(0)
    }

    /** Every logprob of {@code logits[offset, offset + n)}, index i for token i; see {@link #logSumExp}. */
    public static double[] of(float[] logits, int offset, int n) {
        double lse = logSumExp(logits, offset, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logits[offset + i] - lse;
        }
        return out;
    }

    /**
     * The {@code k} most likely tokens of the row: writes their ids to {@code ids[0, count)} and logprobs
     * ({@code x − logSumExp}) to {@code logprobs[0, count)}, best first, equal logprobs by lower id. Tokens with
     * logprob −∞ are left out, so {@code count = min(k, tokens with a finite logit)}. One pass with a size-k
     * insertion list: O(n) for a row where few tokens displace the list, O(n·k) at worst; allocates nothing.
     *
     * @param logSumExp {@link #logSumExp} of the same row
     * @return how many entries were written
     * @throws IllegalArgumentException when {@code k < 1} or {@code ids} / {@code logprobs} hold fewer than k
     */
    public static int top(float[] logits, int offset, int n, double logSumExp, int k, int[] ids, double[] logprobs) {
        if (k < 1 || ids.length < k || logprobs.length < k) {
            throw new IllegalArgumentException("top " + k + " needs k >= 1 and room for k entries, got "
                    + ids.length + " ids and " + logprobs.length + " logprobs");
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            double lp = logits[offset + i] - logSumExp;
            if (lp == Double.NEGATIVE_INFINITY || (count == k && !(lp > logprobs[k - 1]))) {
                continue; // ids rise as i does, so an equal logprob never displaces a lower id
            }
            int at = count == k ? k - 1 : count++;
            while (at > 0 && lp > logprobs[at - 1]) {
                ids[at] = ids[at - 1];
                logprobs[at] = logprobs[at - 1];
                at--;
            }
            ids[at] = i;
            logprobs[at] = lp;
        }
        return count;
    }
}
