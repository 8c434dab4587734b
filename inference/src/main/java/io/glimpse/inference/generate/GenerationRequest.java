package io.glimpse.inference.generate;

import io.glimpse.inference.sampling.SamplingParams;
import java.util.List;
import java.util.Set;

/**
 * What to generate: how many new tokens at most, how to sample, and when to stop. Immutable.
 *
 * @param maxNewTokens  upper bound of generated tokens (at least 1)
 * @param sampling      logits processing and sampling settings
 * @param stopIds       ids that end generation (not emitted)
 * @param stopStrings   texts that end generation (not emitted)
 */
public record GenerationRequest(int maxNewTokens, SamplingParams sampling, Set<Integer> stopIds, List<String> stopStrings) {
    public GenerationRequest {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxNewTokens);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("no sampling settings");
        }
        stopIds = Set.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
    }
}
