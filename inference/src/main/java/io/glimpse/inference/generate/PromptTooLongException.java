package io.glimpse.inference.generate;

/**
 * The prompt plus the requested output does not fit the model's context. Raised before anything
 * runs; nothing is truncated.
 */
public final class PromptTooLongException extends Exception {
    private final int promptTokens;
    private final int maxNewTokens;
    private final int contextLength;

    public PromptTooLongException(int promptTokens, int maxNewTokens, int contextLength) {
        super(String.format("the prompt (%d tokens) plus the requested output (%d tokens) is %d tokens, "
                        + "over the model's context length of %d by %d",
                promptTokens, maxNewTokens, promptTokens + maxNewTokens, contextLength,
                promptTokens + maxNewTokens - contextLength));
        this.promptTokens = promptTokens;
        this.maxNewTokens = maxNewTokens;
        this.contextLength = contextLength;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int maxNewTokens() {
        return maxNewTokens;
    }

    public int contextLength() {
        return contextLength;
    }
}
