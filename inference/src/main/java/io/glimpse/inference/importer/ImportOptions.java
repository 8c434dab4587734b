package io.glimpse.inference.importer;

/**
 * How {@link Importer} writes a model folder. Immutable.
 *
 * @param precision     the Linear weights' storage, or null for {@link #defaultPrecision}
 * @param ops           the op set of the graph
 * @param lmHeadFp32    keep the LM head in float32 whatever the precision
 * @param force         replace an existing output folder (only once the new one is complete)
 * @param accuracyLevel MatMulNBits {@code accuracy_level} (int4/int8 only)
 * @param blockSize     MatMulNBits block size (int4/int8 only)
 */
public record ImportOptions(Precision precision, Ops ops, boolean lmHeadFp32, boolean force, int accuracyLevel, int blockSize) {
    /** Decoders above this many parameters default to int4. */
    public static final long LARGE_DECODER_PARAMETERS = 1_000_000_000L;
    /** The faster op set on CPU (measured: docs/import.md). */
    public static final Ops DEFAULT_OPS = Ops.FUSED;

    /** Default precision and op set, LM head as the body, no force, accuracy level 4, block size 32. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, DEFAULT_OPS, false, false, 4, 32);
    }

    public ImportOptions withPrecision(Precision p) {
        return new ImportOptions(p, ops, lmHeadFp32, force, accuracyLevel, blockSize);
    }

    public ImportOptions withOps(Ops o) {
        return new ImportOptions(precision, o, lmHeadFp32, force, accuracyLevel, blockSize);
    }

    public ImportOptions withForce(boolean f) {
        return new ImportOptions(precision, ops, lmHeadFp32, f, accuracyLevel, blockSize);
    }

    public ImportOptions withLmHeadFp32(boolean keep) {
        return new ImportOptions(precision, ops, keep, force, accuracyLevel, blockSize);
    }

    /** int4 for decoders over {@link #LARGE_DECODER_PARAMETERS} parameters (they would not fit in memory otherwise), else fp32. */
    public static Precision defaultPrecision(long parameters) {
        return parameters > LARGE_DECODER_PARAMETERS ? Precision.INT4 : Precision.FP32;
    }

    /** The precision to use for a decoder of this size. */
    public Precision precisionFor(long parameters) {
        return precision != null ? precision : defaultPrecision(parameters);
    }
}
