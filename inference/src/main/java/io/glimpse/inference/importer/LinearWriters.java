package io.glimpse.inference.importer;

import io.glimpse.inference.importer.quant.MatMulNBitsWriter;

/** Picks the {@link LinearWriter} of a precision: the one place where the quantized writers are wired in. */
final class LinearWriters {
    private LinearWriters() {
    }

    static LinearWriter forPrecision(Precision p, ImportOptions options) {
        return switch (p) {
            case FP32 -> LinearWriter.FP32;
            case FP16 -> LinearWriter.FP16;
            case INT8 -> new MatMulNBitsWriter(8, options.blockSize(), options.accuracyLevel());
            case INT4 -> new MatMulNBitsWriter(4, options.blockSize(), options.accuracyLevel());
        };
    }

    /** Bytes the output takes per Linear weight, for the free-space check (quantized: packed bits + a scale per block). */
    static double bytesPerWeight(Precision p, int blockSize) {
        return switch (p) {
            case FP32 -> 4;
            case FP16 -> 2;
            case INT8 -> 1 + 4.0 / blockSize;
            case INT4 -> 0.5 + 4.0 / blockSize;
        };
    }
}
