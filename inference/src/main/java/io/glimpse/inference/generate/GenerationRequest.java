package io.glimpse.inference.generate;

import io.glimpse.inference.sampling.SamplingParams;
import java.util.List;
import java.util.Set;

/**
 * What to generate: how many new tokens at most, how to sample, when to stop, and whether to report logprobs.
 * Immutable.
 *
 * @param maxNewTokens  upper bound of generated tokens (at least 1)
 * @param sampling      logits processing and sampling settings
 * @param stopIds       ids that end generation (not emitted)
 * @param stopStrings   texts that end generation (not emitted)
 * @param topLogprobs   0: no logprobs (the default; the loop does no log-softmax work and greedy decoding keeps the
 *                      decoder's argmax path); 1 to {@value #MAX_TOP_LOGPROBS}: each generated token comes with its
 *                      logprob and this many most likely alternatives ({@link GenerationResult#logprobs()})
 */
public record GenerationRequest(int maxNewTokens, SamplingParams sampling, Set<Integer> stopIds, List<String> stopStrings,
                                int topLogprobs) {
    /** The most alternatives per token a request may ask for (OpenAI's limit too). */
    public static final int MAX_TOP_LOGPROBS = 20;

    public GenerationRequest {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxNewTokens);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("no sampling settings");
        }
        if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw new IllegalArgumentException("top logprobs must be between 0 (off) and " + MAX_TOP_LOGPROBS
                    + ", got " + topLogprobs);
        }
        stopIds = Set.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** A request without logprobs. */
    public GenerationRequest(int maxNewTokens, SamplingParams sampling, Set<Integer> stopIds, List<String> stopStrings) {
        this(maxNewTokens, sampling, stopIds, stopStrings, 0);
    }

    /** The same request reporting {@code k} alternatives per token (0: none). */
    public GenerationRequest withTopLogprobs(int k) {
        return new GenerationRequest(maxNewTokens, sampling, stopIds, stopStrings, k);
    }
}
