package io.glimpse.inference.testmodel;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one generated graph with ONNX Runtime and copies every output out (test helper). */
final class Ort implements AutoCloseable {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** A float tensor copied out of ONNX Runtime. */
    record Tensor(long[] shape, float[] data) {
        float at(int... index) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) {
                flat = flat * (int) shape[d] + index[d];
            }
            return data[flat];
        }
    }

    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    Ort(Path onnx) throws OrtException {
        session = ENV.createSession(onnx.toString(), new OrtSession.SessionOptions());
    }

    OrtSession session() {
        return session;
    }

    Ort floats(String name, float[] data, long... shape) throws OrtException {
        inputs.put(name, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data), shape));
        return this;
    }

    Ort longs(String name, long[] data, long... shape) throws OrtException {
        inputs.put(name, OnnxTensor.createTensor(ENV, LongBuffer.wrap(data), shape));
        return this;
    }

    /** Runs with the inputs given since the last run and returns every output. */
    Map<String, Tensor> run() throws OrtException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (OrtSession.Result r = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> e : r) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                FloatBuffer fb = t.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                out.put(e.getKey(), new Tensor(t.getInfo().getShape(), data));
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
            inputs.clear();
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
