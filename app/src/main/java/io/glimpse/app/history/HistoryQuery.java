package io.glimpse.app.history;

/**
 * What to list from the history: text found in the question, answer, model folder or media names
 * (case-insensitive for ASCII), and optional exact filters. Null or blank means "any".
 */
public record HistoryQuery(String text, String modelFolder, String mediaName, String groupId, int limit) {
    /** Everything, newest first, up to {@code limit}. */
    public static HistoryQuery all(int limit) {
        return new HistoryQuery(null, null, null, null, limit);
    }

    /** Records whose text contains {@code text}. */
    public static HistoryQuery text(String text, int limit) {
        return new HistoryQuery(text, null, null, null, limit);
    }
}
