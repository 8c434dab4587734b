package io.glimpse.inference.generate;

import java.util.List;

/**
 * One generated token with its log-probability and the most likely alternatives at that step
 * ({@link GenerationRequest#topLogprobs()}). The logprobs are the log-softmax of the raw logits the model returned
 * for the step, in float64 over the float32 logits, before any sampling processor (repetition penalty, temperature,
 * top-k, top-p, min-p): the model's own distribution, not the one the token was drawn from. Immutable.
 *
 * @param id       the generated id
 * @param piece    the text this token added to the streamed output as the detokenizer saw it: "" for a byte token
 *                 that only starts a multi-byte character (the character comes with the token that completes it);
 *                 stop strings are not removed here
 * @param logprob  log-probability of {@code id} (≤ 0)
 * @param top      the most likely ids, best first, equal logprobs by lower id; {@code topLogprobs} entries, or fewer
 *                 when fewer tokens have a finite logit. Under greedy decoding without a repetition penalty the first
 *                 is {@code id} itself
 */
public record TokenLogprobs(int id, String piece, double logprob, List<Candidate> top) {
    public TokenLogprobs {
        top = List.copyOf(top);
    }

    /** An id and its log-probability at one step. */
    public record Candidate(int id, double logprob) {
    }
}
