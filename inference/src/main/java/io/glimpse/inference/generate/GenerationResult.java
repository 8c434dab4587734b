package io.glimpse.inference.generate;

import java.util.List;

/**
 * The outcome of one generation, a plain value. Immutable.
 *
 * @param text             the generated text (stop strings removed)
 * @param tokenIds         the generated ids, in order (a stop id that ended generation is not included)
 * @param finishReason     why it ended
 * @param promptTokens     ids in the prompt
 * @param generatedTokens  ids generated ({@code tokenIds.length})
 * @param timings          where the time went
 * @param error            what failed, for {@link FinishReason#ERROR}; null otherwise
 * @param logprobs         with {@link GenerationRequest#topLogprobs()} above 0, one entry per generated id, in the
 *                         order of {@code tokenIds} (so without the stop id that ended generation); empty otherwise
 */
public record GenerationResult(String text, int[] tokenIds, FinishReason finishReason, int promptTokens,
                               int generatedTokens, Timings timings, String error, List<TokenLogprobs> logprobs) {
    public GenerationResult {
        tokenIds = tokenIds.clone();
        logprobs = List.copyOf(logprobs);
        if (!logprobs.isEmpty() && logprobs.size() != tokenIds.length) {
            throw new IllegalArgumentException(logprobs.size() + " logprobs entries for " + tokenIds.length + " token ids");
        }
    }

    /** A result without logprobs. */
    public GenerationResult(String text, int[] tokenIds, FinishReason finishReason, int promptTokens,
                            int generatedTokens, Timings timings, String error) {
        this(text, tokenIds, finishReason, promptTokens, generatedTokens, timings, error, List.of());
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }
}
