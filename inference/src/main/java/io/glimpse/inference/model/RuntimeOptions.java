package io.glimpse.inference.model;

/**
 * How to run ONNX models. Immutable.
 *
 * @param cuda            ask for the CUDA execution provider (falls back to CPU, visibly, when it cannot load)
 * @param intraOpThreads  threads for one operator; 0 lets ONNX Runtime choose
 */
public record RuntimeOptions(boolean cuda, int intraOpThreads) {
    public RuntimeOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be 0 (automatic) or more, got " + intraOpThreads);
        }
    }

    public static RuntimeOptions cpu() {
        return new RuntimeOptions(false, 0);
    }
}
