package io.glimpse.app.ui.engine;

/**
 * One stage of an answer on the time line, in milliseconds from the start of the run. Immutable.
 * Names used: "load", "decode" (media), "preprocess", "encode" (vision), "tokenize", "prefill", "generation".
 */
public record StageTime(String name, double startMs, double durationMs) {
    public StageTime {
        if (startMs < 0 || durationMs < 0) {
            throw new IllegalArgumentException("stage " + name + " has a negative time: start " + startMs + ", duration " + durationMs);
        }
    }

    public double endMs() {
        return startMs + durationMs;
    }
}
