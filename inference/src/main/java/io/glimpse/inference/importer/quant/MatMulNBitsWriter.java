package io.glimpse.inference.importer.quant;

import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a Linear as ONNX Runtime's {@code com.microsoft.MatMulNBits} with 4- or 8-bit symmetric
 * block weights, the node onnxruntime's own {@code MatMulNBitsQuantizer} (and so onnxruntime-genai's
 * model builder, which runs it) writes: inputs {@code A, B, scales} with no zero points (the kernel
 * then uses 2^(bits−1)), attributes {@code K, N, bits, block_size} and {@code accuracy_level} when it
 * is not 0; see {@link BlockQuantizedWeight} for the bytes.
 *
 * <p>Hand-written because the bytes must match the kernel's layout exactly, and no Java library
 * writes this format; the rule is a few lines taken from onnxruntime's C++ quantizer, and the tests
 * run the written node in ONNX Runtime against a float MatMul of the dequantized weight.
 *
 * <p>accuracy_level: 0 computes in float32 on the dequantized weight; 4 lets the CPU kernel quantize
 * the activations to int8 per block and use integer dot products (what onnxruntime-genai picks on
 * CPU: much faster, slightly less exact). The kernel falls back to a more accurate level where the
 * CPU lacks one.
 *
 * <p>Immutable and thread-safe (each call writes only to the graph it is given).
 */
public final class MatMulNBitsWriter implements LinearWriter {
    /** onnxruntime-genai's default block for int4. */
    public static final int DEFAULT_BLOCK_SIZE = 32;
    /** onnxruntime-genai's default accuracy level on CPU. */
    public static final int CPU_ACCURACY_LEVEL = 4;

    private final int bits;
    private final int blockSize;
    private final int accuracyLevel;

    /** Block 32, accuracy level 4 (the CPU defaults). */
    public MatMulNBitsWriter(int bits) {
        this(bits, DEFAULT_BLOCK_SIZE, CPU_ACCURACY_LEVEL);
    }

    /**
     * @param bits          4 or 8
     * @param blockSize     weights per scale along K, a power of two ≥ 16
     * @param accuracyLevel 0 (unset: float32) to 4 (int8 activations)
     */
    public MatMulNBitsWriter(int bits, int blockSize, int accuracyLevel) {
        BlockQuantizedWeight.requireLayout(bits, blockSize);
        if (accuracyLevel < 0 || accuracyLevel > 4) {
            throw new IllegalArgumentException("accuracy level must be 0 to 4, not " + accuracyLevel);
        }
        this.bits = bits;
        this.blockSize = blockSize;
        this.accuracyLevel = accuracyLevel;
    }

    public int bits() {
        return bits;
    }

    public int blockSize() {
        return blockSize;
    }

    public int accuracyLevel() {
        return accuracyLevel;
    }

    @Override
    public String linear(OnnxGraph g, String name, String input, float[] weight, int out, int in) {
        return write(g, name, input, BlockQuantizedWeight.quantize(weight, out, in, bits, blockSize));
    }

    /** Writes an already quantized weight (its bits and block size, this writer's accuracy level). */
    public String write(OnnxGraph g, String name, String input, BlockQuantizedWeight q) {
        g.opset(OnnxGraph.MS_DOMAIN, 1); // a map put: declaring it again for every Linear is harmless
        String b = g.uint8s(name + ".weight_Q" + q.bits(), q.packed(), q.n(), q.blocks(), q.blobSize());
        String scales = g.floats(name + ".weight_scales", q.scales(), (long) q.n() * q.blocks());
        List<Attr> attrs = new ArrayList<>(List.of(Attr.i("K", q.k()), Attr.i("N", q.n()), Attr.i("bits", q.bits()),
                Attr.i("block_size", q.blockSize())));
        if (accuracyLevel != 0) {
            // as onnxruntime's quantizer: 0 is the default, and some execution providers reject the attribute
            attrs.add(Attr.i("accuracy_level", accuracyLevel));
        }
        return g.msOp("MatMulNBits", attrs.toArray(Attr[]::new), input, b, scales);
    }

    @Override
    public String toString() {
        return "MatMulNBits(int" + bits + ", block " + blockSize + ", accuracy level " + accuracyLevel + ")";
    }
}
