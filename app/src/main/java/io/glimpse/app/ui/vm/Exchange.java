package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One question and its answer as the chat shows them. The answer grows while it streams; when it
 * ends, its state says whether it goes along as history with the next question. UI thread only.
 */
public final class Exchange {
    /** Where the answer stands. Only {@link #DONE} and {@link #KEPT} answers are sent as history. */
    public enum State {
        STREAMING,
        DONE,
        /** Stopped by the user: shown, but not sent as history unless kept. */
        CANCELLED,
        /** A cancelled answer the user chose to keep as history. */
        KEPT,
        /** Answered by an engine that keeps no history (no chat template): shown, never sent. */
        ALONE,
        FAILED
    }

    private final AnswerRequest request;
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STREAMING);
    private final ReadOnlyObjectWrapper<AnswerResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    Exchange(AnswerRequest request) {
        this.request = request;
    }

    public String question() {
        return request.prompt();
    }

    /** What was asked, media and settings included, so Regenerate asks exactly that again. */
    AnswerRequest request() {
        return request;
    }

    /** The answer's raw Markdown so far. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public String answer() {
        return answer.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The finished answer's figures, or null while streaming (or when the run failed outright). */
    public ReadOnlyObjectProperty<AnswerResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Why it failed, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the next question carries this exchange as history. */
    public boolean sent() {
        return state.get() == State.DONE || state.get() == State.KEPT;
    }

    void append(String chunk) {
        answer.set(answer.get() + chunk);
    }

    /** The run ended; {@code history} is whether its engine sends earlier turns at all. */
    void finish(AnswerResult r, boolean history) {
        answer.set(r.text()); // the engine's full text is the truth (the streamed pieces may lack a tail)
        result.set(r);
        if (r.error() != null || r.finishReason() == io.glimpse.inference.generate.FinishReason.ERROR) {
            error.set(r.error());
            state.set(State.FAILED);
        } else {
            boolean cancelled = r.finishReason() == io.glimpse.inference.generate.FinishReason.CANCELLED;
            state.set(cancelled ? State.CANCELLED : history ? State.DONE : State.ALONE);
        }
    }

    void fail(String why) {
        error.set(why);
        state.set(State.FAILED);
    }

    void keep() {
        if (state.get() == State.CANCELLED) {
            state.set(State.KEPT);
        }
    }
}
