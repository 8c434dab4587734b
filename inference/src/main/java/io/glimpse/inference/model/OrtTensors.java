package io.glimpse.inference.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Small ONNX Runtime helpers shared by the decoder and the vision graphs. Stateless and thread-safe. */
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

    /** Closes a session being given up (after a failed open, or on close); a failure there leaves nothing to do. */
    public static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing left to do: the session is going away either way
        }
    }
}
