package io.glimpse.inference.vision;

/**
 * Receives the progress and the streamed answer of one {@link VisionLanguageModel#ask}. Called on the
 * asking thread, inside the pipeline, which waits for it: a UI listener must only hand the values
 * over to its own thread.
 */
public interface AskListener {
    AskListener NONE = new AskListener() {
    };

    /**
     * A stage started ({@code fraction} 0) or advanced (up to 1). Stages arrive in {@link Stage} order;
     * a stage with nothing to do (no media) may be skipped.
     */
    default void onStage(Stage stage, double fraction) {
    }

    /** A piece of the answer, final (never part of a stop string or a broken character). */
    default void onText(String piece) {
    }
}
