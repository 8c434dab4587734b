package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The conversation so far: every exchange the chat shows ({@link #exchanges()}), and the history
 * the next question sends ({@link #turns()}): only finished and kept answers, so a stopped answer
 * is seen but not sent unless the user keeps it. The ledger prices {@link #turns()} and the request
 * carries the same list, so what is priced is what is sent. UI thread only.
 */
public final class Conversation {
    // an exchange's state change is a list change too, so turns() follows a cancel, keep or finish
    private final ObservableList<Exchange> exchanges = FXCollections.observableArrayList(e -> new Observable[] {e.stateProperty()});
    private final ObservableList<ChatMessage> turns = FXCollections.observableArrayList();

    public Conversation() {
        exchanges.addListener((ListChangeListener<Exchange>) c -> syncTurns());
    }

    /** Everything shown, oldest first, the streaming one last. */
    public ObservableList<Exchange> exchanges() {
        return exchanges;
    }

    /** What the next question sends as history: user and assistant turns of the sent exchanges, oldest first. */
    public ObservableList<ChatMessage> turns() {
        return turns;
    }

    /** The exchange shown last, or null. */
    public Exchange last() {
        return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
    }

    Exchange start(AnswerRequest request) {
        Exchange e = new Exchange(request);
        exchanges.add(e);
        return e;
    }

    /** Drops the last exchange (regenerate, edit-and-resend). */
    Exchange dropLast() {
        return exchanges.isEmpty() ? null : exchanges.remove(exchanges.size() - 1);
    }

    void clear() {
        exchanges.clear();
    }

    private void syncTurns() {
        List<ChatMessage> now = new ArrayList<>();
        for (Exchange e : exchanges) {
            if (e.sent()) {
                now.add(ChatMessage.user(e.question()));
                now.add(ChatMessage.assistant(e.answer()));
            }
        }
        if (!now.equals(turns)) { // the ledger recomputes on every change: only real ones
            turns.setAll(now);
        }
    }
}
