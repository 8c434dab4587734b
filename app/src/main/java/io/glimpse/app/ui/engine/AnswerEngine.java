package io.glimpse.app.ui.engine;

import io.glimpse.media.CancelToken;

/**
 * Something that answers a request, streaming its text: a text model, a vision-language model, or
 * a fake in tests. The window's run view model only talks to this interface.
 *
 * <p>Implementations are not required to be thread-safe: the window runs one answer at a time, on
 * a worker thread, and calls {@link #close()} only when no answer is running.
 */
public interface AnswerEngine extends AutoCloseable {
    /** What is loaded, for the status line, e.g. "llama2c (text model, CPU)". */
    String describe();

    /** Whether images and videos can be sent (a text model refuses them with a clear message). */
    boolean acceptsMedia();

    /**
     * Whether {@link AnswerRequest#history()} reaches the model (a text model without a chat template
     * answers each question on its own, and the window says so).
     */
    default boolean keepsHistory() {
        return true;
    }

    /**
     * Answers, calling {@code listener} on this thread as stages start and text arrives. Returns
     * normally when cancelled, with {@link io.glimpse.inference.generate.FinishReason#CANCELLED}.
     *
     * @throws Exception for input the model cannot take (the message is shown to the user as is)
     */
    AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) throws Exception;

    @Override
    default void close() {
    }
}
