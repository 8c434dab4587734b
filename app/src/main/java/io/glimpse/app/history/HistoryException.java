package io.glimpse.app.history;

/** The run history cannot do what was asked; the message says what and names the file. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
