package io.glimpse.app.ui.engine;

/**
 * Receives an answer's progress on the engine's thread; implementations only hand the values over
 * (the window batches text per frame), they must return at once.
 */
public interface AnswerListener {
    AnswerListener NONE = new AnswerListener() {
        @Override
        public void onStage(String stage) {
        }

        @Override
        public void onText(String piece) {
        }
    };

    /** A stage started, e.g. "prefill" (see {@link StageTime} for the names). */
    void onStage(String stage);

    /**
     * How far the current stage is, 0..1 (called often: implementations only store it; the window
     * shows the latest value once per frame). The default ignores it.
     */
    default void onProgress(String stage, double fraction) {
    }

    /** A final piece of generated text. */
    void onText(String piece);
}
