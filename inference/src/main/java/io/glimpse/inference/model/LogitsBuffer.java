package io.glimpse.inference.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Where a decoder's logits land and how the last position's row is read: a pinned, reused output tensor for
 * one-token steps (ONNX Runtime writes into it, nothing is allocated per step), the row as floats, or just its
 * argmax (a float16 row compared on its half bits, see {@link Argmax}). Not thread-safe; owned by one
 * {@link OrtDecoder} (close it with the decoder).
 */
final class LogitsBuffer implements AutoCloseable {
    private final int vocabSize;
    private final OnnxJavaType type;
    private final ByteBuffer out;
    private final OnnxTensor pinned;
    private final float[] row;
    private final short[] halves;

    LogitsBuffer(OrtEnvironment env, int vocabSize, OnnxJavaType type) throws OrtException {
        this.vocabSize = vocabSize;
        this.type = type;
        int bytes = Math.max(8, vocabSize * (type == OnnxJavaType.FLOAT16 ? 2 : 4));
        out = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        pinned = OnnxTensor.createTensor(env, out, new long[] {1, 1, vocabSize}, type);
        row = new float[vocabSize];
        halves = new short[type == OnnxJavaType.FLOAT16 ? vocabSize : 0];
    }

    /** The [1, 1, vocab] tensor one-token runs write their logits into. */
    OnnxTensor pinned() {
        return pinned;
    }

    /**
     * The last of {@code positions} rows as floats: from {@code tensor} (a multi-position run's output) or, when
     * it is null, from the pinned buffer. The array is reused by the next call.
     */
    float[] read(OnnxTensor tensor, int positions) {
        int offset = lastRowOffset(tensor, positions);
        if (type == OnnxJavaType.FLOAT16) {
            copyHalves(tensor, offset);
            for (int i = 0; i < vocabSize; i++) {
                row[i] = Float16.toFloat(halves[i]);
            }
        } else {
            copyFloats(tensor, offset);
        }
        return row;
    }

    /** The argmax of the last of {@code positions} rows, without converting a float16 row. */
    int argmax(OnnxTensor tensor, int positions) {
        int offset = lastRowOffset(tensor, positions);
        if (type == OnnxJavaType.FLOAT16) {
            copyHalves(tensor, offset);
            return Argmax.ofHalves(halves, vocabSize);
        }
        copyFloats(tensor, offset);
        return Argmax.ofFloats(row, 0, vocabSize);
    }

    /**
     * Where the last row starts: a graph may return every position's logits [1, S, V] or only the last
     * one's [1, 1, V] (Glimpse's imported decoders do: the LM head over a long prompt would otherwise cost
     * as much as a fifth of the prefill), so the row count is read from the tensor itself.
     */
    private int lastRowOffset(OnnxTensor tensor, int positions) {
        if (tensor == null) {
            return 0;
        }
        long[] shape = tensor.getInfo().getShape();
        long rows = shape.length >= 2 ? shape[shape.length - 2] : positions;
        return (int) (rows - 1) * vocabSize;
    }

    private void copyHalves(OnnxTensor tensor, int offset) {
        ShortBuffer source = tensor == null ? out.asShortBuffer() : tensor.getShortBuffer();
        source.get(offset, halves, 0, vocabSize);
    }

    private void copyFloats(OnnxTensor tensor, int offset) {
        FloatBuffer source = tensor == null ? out.asFloatBuffer() : tensor.getFloatBuffer();
        source.get(offset, row, 0, vocabSize);
    }

    @Override
    public void close() {
        pinned.close();
    }
}
