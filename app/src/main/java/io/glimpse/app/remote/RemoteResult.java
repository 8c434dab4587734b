package io.glimpse.app.remote;

import io.glimpse.inference.generate.FinishReason;

/**
 * What a remote answer gave, as far as the client can see it. Immutable.
 *
 * @param text              the answer text received (kept whole when the stream failed part-way)
 * @param finishReason      the server's finish reason, CANCELLED, or ERROR with {@link #error()}
 * @param promptTokens      the server's {@code usage.prompt_tokens}, or -1 when it sent no usage
 * @param completionTokens  the server's {@code usage.completion_tokens}, or the content chunks counted when it sent none
 * @param usageReported     whether the counts came from the server's usage
 * @param requestMs         from sending the request to the response headers (queueing and prefill on the server
 *                          usually fall into the time to the first token instead)
 * @param timeToFirstTokenMs from sending the request to the first text, or -1 when none came
 * @param totalMs           from sending the request to the end of the stream
 * @param error             the failure in words, or null
 */
public record RemoteResult(String text, FinishReason finishReason, int promptTokens, int completionTokens,
                           boolean usageReported, double requestMs, double timeToFirstTokenMs, double totalMs, String error) {
    /** Tokens per second after the first one: the decode speed the client sees, network included. */
    public double tokensPerSecond() {
        double decodeMs = totalMs - timeToFirstTokenMs;
        if (timeToFirstTokenMs < 0 || completionTokens < 2 || decodeMs <= 0) {
            return 0;
        }
        return (completionTokens - 1) / (decodeMs / 1000.0);
    }
}
