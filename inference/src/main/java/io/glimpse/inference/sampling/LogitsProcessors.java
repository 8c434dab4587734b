package io.glimpse.inference.sampling;

/**
 * The logits processors of transformers' {@code generation/logits_process.py}, re-implemented on a plain
 * {@code float[]} row. Each works in place on {@code scores[0, n)}; removed tokens become −∞ (transformers'
 * {@code filter_value}). Scratch arrays are passed in by the caller ({@link Sampler}) so nothing here allocates.
 *
 * <p>Arithmetic: the element-wise steps (penalty, temperature) use float like torch's float32 tensors; the
 * probability steps (top-p, min-p) use double, so results can differ from torch only where torch's float32
 * rounding decides an exact tie. Stateless static methods: thread-safe as long as the arrays are not shared.
 */
final class LogitsProcessors {

    /**
     * Top-p boundary slack, in units of probability. Transformers removes a token when the mass below it
     * (ascending) is ≤ 1 − top_p, so exact ties are removed (four equal logits at top_p 0.5: the second-least
     * likely token's cumulative is exactly 0.5). Our double sums are taken in a different order than a sorted
     * cumsum; 1e-12 absorbs that rounding so such ties still resolve as the ≤ says, while masses that really
     * differ (by float32 resolution, ~1e-8, or more) are decided exactly like transformers.
     */
    static final double TOP_P_TIE_SLACK = 1e-12;

    private LogitsProcessors() {
    }

    /**
     * RepetitionPenaltyLogitsProcessor: for each id in {@code history}, logit < 0 → logit × penalty, else
     * logit / penalty. Computed from {@code original} (the unpenalised row) so an id that occurs many times is
     * penalised once, exactly like transformers' gather-then-scatter. Ids outside [0, n) are skipped: they
     * cannot be chosen anyway, and a decoder row may be shorter than the id space of the prompt's special tokens.
     */
    static void repetitionPenalty(float[] scores, float[] original, int offset, int n,
                                  int[] history, int historyLength, double penalty) {
        if (penalty == 1.0) {
            return;
        }
        float p = (float) penalty; // torch multiplies a float32 tensor by the scalar rounded to float32
        for (int h = 0; h < historyLength; h++) {
            int id = history[h];
            if (id >= 0 && id < n) {
                float x = original[offset + id];
                scores[id] = x < 0 ? x * p : x / p;
            }
        }
    }

    /** TemperatureLogitsWarper: divide every logit by the temperature (−∞ stays −∞). */
    static void temperature(float[] scores, int n, double temperature) {
        if (temperature == 1.0) {
            return;
        }
        float t = (float) temperature;
        for (int i = 0; i < n; i++) {
            scores[i] /= t;
        }
    }

    /**
     * TopKLogitsWarper: find the k-th largest value (duplicates counted, as in {@code torch.topk(..)[0][-1]})
     * and remove every token strictly below it, so ties at the k-th value are all kept. Uses a size-k min-heap
     * in {@code heap} (O(n log k), no sort of the whole row).
     */
    static void topK(float[] scores, int n, int k, float[] heap) {
        if (k <= 0 || k >= n) {
            return; // transformers clamps top_k to the row size: nothing to remove
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = scores[i];
            if (size < k) {
                heap[size] = v;
                siftUp(heap, size++);
            } else if (v > heap[0]) {
                heap[0] = v;
                siftDown(heap, size);
            }
        }
        float kth = heap[0];
        for (int i = 0; i < n; i++) {
            if (scores[i] < kth) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * TopPLogitsWarper. Transformers sorts ascending, takes the cumulative softmax C and removes tokens with
     * C ≤ 1 − top_p, always keeping the most likely token. Since C(token) = 1 − (mass of the tokens ranked above
     * it), that is: a token is kept iff the mass strictly above it is < top_p, so the kept tokens are a prefix of
     * the descending order. We find that prefix with a quickselect guided by mass instead of sorting the whole
     * row: expected O(n) however many tokens survive. Equal logits are ranked lower index first (torch's sort
     * order for ties is unspecified), which makes the order strict.
     */
    static void topP(float[] scores, int n, double topP, double[] weights, int[] order) {
        if (topP >= 1.0) {
            return; // transformers only adds the warper for top_p < 1
        }
        double total = expWeights(scores, n, weights);
        if (total == 0) {
            return; // every logit is −∞: nothing to keep or remove
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                order[size++] = i; // zero-probability tokens are removed anyway (cumulative 0 ≤ 1 − top_p)
            }
        }
        double limit = (topP - TOP_P_TIE_SLACK) * total;
        double above = 0; // mass of the tokens ranked above everything in order[lo, hi)
        boolean anyKept = false;
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            // Partition order[lo, hi) around a pivot: tokens ranking above it first, summing their mass.
            swap(order, medianOfThree(order, lo, (lo + hi) >>> 1, hi - 1, weights), hi - 1);
            int pivot = order[hi - 1];
            int m = lo;
            double upper = 0;
            for (int i = lo; i < hi - 1; i++) {
                if (ranksAbove(order[i], pivot, weights)) {
                    upper += weights[order[i]];
                    swap(order, i, m++);
                }
            }
            swap(order, m, hi - 1);
            if (above + upper < limit) {
                // The pivot's mass above is under the limit: it and every token above it stay.
                above += upper + weights[pivot];
                for (int i = lo; i <= m; i++) {
                    weights[order[i]] = -1; // mark as kept (no longer compared)
                }
                anyKept = true;
                lo = m + 1;
            } else {
                hi = m; // the pivot and everything below it go
            }
        }
        if (!anyKept) {
            weights[argmax(scores, n)] = -1; // min_tokens_to_keep = 1 (only reachable when top_p ≤ the slack)
        }
        for (int i = 0; i < n; i++) {
            if (weights[i] >= 0) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * MinPLogitsWarper: remove tokens whose probability is below {@code minP} × the top probability. The ratio
     * p_i / p_max equals exp(x_i − x_max), so the test is x_i − x_max < ln(minP): no softmax, no exp per token.
     * The top token always survives (min_tokens_to_keep = 1), since its difference 0 is ≥ ln(minP) for minP ≤ 1.
     */
    static void minP(float[] scores, int n, double minP) {
        if (minP <= 0) {
            return;
        }
        float max = max(scores, n);
        if (max == Float.NEGATIVE_INFINITY) {
            return;
        }
        double logMinP = Math.log(minP);
        for (int i = 0; i < n; i++) {
            if ((double) scores[i] - max < logMinP) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Index of the largest score, lowest index on ties (like {@code torch.argmax}); 0 when all are −∞. */
    static int argmax(float[] scores, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Fills {@code weights[0, n)} with exp(x − max) (unnormalised softmax, 0 for −∞) and returns their sum,
     * or 0 if every score is −∞. Double precision so the 100k-term sum stays accurate.
     */
    static double expWeights(float[] scores, int n, double[] weights) {
        float max = max(scores, n);
        if (max == Float.NEGATIVE_INFINITY) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            float x = scores[i];
            // After top-k most of the row is −∞: skip the exp for those.
            double w = x == Float.NEGATIVE_INFINITY ? 0 : Math.exp((double) x - max);
            weights[i] = w;
            total += w;
        }
        return total;
    }

    private static float max(float[] scores, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (scores[i] > max) {
                max = scores[i];
            }
        }
        return max;
    }

    // ---- top-k's float min-heap; top-p's ranking by weight ----

    private static void siftUp(float[] heap, int i) {
        float v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= v) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private static void siftDown(float[] heap, int size) {
        float v = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= v) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }

    /** True when token a ranks above token b: larger weight, or equal weight and lower index. */
    private static boolean ranksAbove(int a, int b, double[] weights) {
        return weights[a] > weights[b] || (weights[a] == weights[b] && a < b);
    }

    private static int medianOfThree(int[] order, int a, int b, int c, double[] weights) {
        int x = order[a];
        int y = order[b];
        int z = order[c];
        if (ranksAbove(x, y, weights)) {
            return ranksAbove(y, z, weights) ? b : (ranksAbove(x, z, weights) ? c : a);
        }
        return ranksAbove(x, z, weights) ? a : (ranksAbove(y, z, weights) ? c : b);
    }

    private static void swap(int[] order, int i, int j) {
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}
