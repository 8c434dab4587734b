package io.glimpse.app.history;

/**
 * One line of the history list: the indexed columns of a record (question and answer cut to 300
 * characters), without reading its JSON. Immutable.
 */
public record RunSummary(long id, long createdMillis, String source, String groupId, String modelFolder, String question,
                         String answer, String mediaNames, String finishReason, Integer promptTokens, Integer visualTokens,
                         Integer generatedTokens, Double ttftMs, Double tokensPerSecond, Double totalMs, String error) {
}
