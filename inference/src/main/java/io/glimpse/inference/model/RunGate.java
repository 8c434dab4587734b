package io.glimpse.inference.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glimpse.inference.InferenceException;
import io.glimpse.media.CancelToken;

/**
 * The {@link OrtSession.RunOptions} a session runs with, so a cancel request can stop a run already in
 * progress: a long prefill or a vision-encoder batch of a real model runs for seconds, and checking the
 * token between runs would not answer within 200 ms. ONNX Runtime's terminate flag makes the run throw
 * soon after it is set. Thread-safe ({@link #stop} is called from the cancelling thread); owns its
 * options (close it with the session).
 */
public final class RunGate implements AutoCloseable {
    private final OrtSession.RunOptions options;

    public RunGate() {
        try {
            options = new OrtSession.RunOptions();
        } catch (OrtException e) {
            throw new InferenceException("cannot create ONNX Runtime run options: " + e.getMessage(), e);
        }
    }

    /** The options to pass to every {@code session.run}. */
    public OrtSession.RunOptions options() {
        return options;
    }

    /**
     * Opens the gate, and closes it (stopping a run in progress) when {@code cancel} trips, until the
     * returned registration is closed.
     */
    public CancelToken.Registration watch(CancelToken cancel) {
        set(false);
        return cancel.onCancel(() -> set(true));
    }

    private void set(boolean terminate) {
        try {
            options.setTerminate(terminate);
        } catch (OrtException e) {
            throw new InferenceException("cannot set ONNX Runtime's terminate flag: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        options.close();
    }
}
