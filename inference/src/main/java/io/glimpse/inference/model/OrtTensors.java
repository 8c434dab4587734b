package io.glimpse.inference.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Reading ONNX Runtime tensors into Java arrays. Stateless and thread-safe. */
public final class OrtTensors {
    private OrtTensors() {
    }

    /** Every value of a float32 or float16 tensor, as floats (a copy). */
    public static float[] floats(OnnxTensor tensor) {
        if (tensor.getInfo().type == OnnxJavaType.FLOAT16) {
            ShortBuffer halves = tensor.getShortBuffer();
            float[] out = new float[halves.remaining()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float16.toFloat(halves.get(i));
            }
            return out;
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
