package io.glimpse.inference.importer;

/** Picks the {@link LinearWriter} of a precision: the one place where the quantized writers are wired in. */
final class LinearWriters {
    private LinearWriters() {
    }

    static LinearWriter forPrecision(Precision p, ImportOptions options) {
        return switch (p) {
            case FP32 -> LinearWriter.FP32;
            case FP16 -> LinearWriter.FP16;
            // TODO(issue 11): new quant.MatMulNBitsWriter(bits, options.blockSize(), options.accuracyLevel()) once it lands
            case INT8, INT4 -> throw new IllegalArgumentException("precision " + p.cliName()
                    + " is not available yet (MatMulNBits weights are still being written); use --precision fp16 or fp32");
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
