package io.glimpse.app.ui.vm;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The non-modal message area: errors and warnings stay listed until dismissed; nothing blocks the
 * window. UI thread only; no toolkit needed (plain JavaFX collections).
 */
public final class MessagesViewModel {
    /** How serious a message is. */
    public enum Level { INFO, WARNING, ERROR }

    /** One message. */
    public record Message(Level level, String text) {
    }

    private static final int KEEP = 20;
    private final ObservableList<Message> messages = FXCollections.observableArrayList();

    public ObservableList<Message> messages() {
        return messages;
    }

    public void error(String text) {
        add(new Message(Level.ERROR, text));
    }

    public void warn(String text) {
        add(new Message(Level.WARNING, text));
    }

    public void info(String text) {
        add(new Message(Level.INFO, text));
    }

    public void dismiss(Message m) {
        messages.remove(m);
    }

    public void clear() {
        messages.clear();
    }

    /** The newest message first; a repeat of the newest is not added twice; only the newest few are kept. */
    private void add(Message m) {
        if (!messages.isEmpty() && messages.get(0).equals(m)) {
            return;
        }
        messages.add(0, m);
        if (messages.size() > KEEP) {
            messages.remove(KEEP, messages.size());
        }
    }

    /** A failure's message for the user: the exception's own words, never a stack trace. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while ((root instanceof java.util.concurrent.CompletionException || root instanceof java.lang.reflect.InvocationTargetException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        if (root instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            msg = msg + " (" + u.getCause().getMessage() + ")";
        }
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }
}
