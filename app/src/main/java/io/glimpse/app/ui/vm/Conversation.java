package io.glimpse.app.ui.vm;

import io.glimpse.inference.chat.ChatMessage;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation so far: earlier questions and answers as text turns, sent as history with the
 * next question (the ledger counts them), and shown as a transcript. UI thread only.
 */
public final class Conversation {
    static final String YOU = "You: ";
    static final String MODEL = "Model: ";
    private final ObservableList<ChatMessage> turns = FXCollections.observableArrayList();

    /** User and assistant turns, oldest first. */
    public ObservableList<ChatMessage> turns() {
        return turns;
    }

    /** A finished exchange becomes history. */
    void add(String question, String answer) {
        turns.addAll(List.of(ChatMessage.user(question), ChatMessage.assistant(answer)));
    }

    void clear() {
        turns.clear();
    }

    /** The earlier turns, then the heading of the question being answered (its answer follows). */
    String transcriptBefore(String question) {
        StringBuilder b = new StringBuilder();
        for (ChatMessage m : turns) {
            b.append(m.role().equals("user") ? YOU : MODEL).append(m.content()).append(m.role().equals("user") ? "\n\n" : "\n\n\n");
        }
        return b.append(YOU).append(question).append("\n\n").append(MODEL).toString();
    }
}
