package io.glimpse.inference;

/** ONNX Runtime failed while running a model (a bug or a broken model, not a user error). */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
