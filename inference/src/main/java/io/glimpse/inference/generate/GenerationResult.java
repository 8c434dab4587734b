package io.glimpse.inference.generate;

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
 */
public record GenerationResult(String text, int[] tokenIds, FinishReason finishReason, int promptTokens,
                               int generatedTokens, Timings timings, String error) {
    public GenerationResult {
        tokenIds = tokenIds.clone();
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }
}
