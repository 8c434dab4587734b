package io.glimpse.inference.importer.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glimpse.inference.onnx.OnnxGraph;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an in-memory graph with one float input "x" in ONNX Runtime (CPU, one thread) and copies every output out. */
final class GraphRun {
    private GraphRun() {
    }

    static Map<String, float[]> run(OnnxGraph g, float[] x, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(g.toBytes(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                 OrtSession.Result result = session.run(Map.of("x", input))) {
                Map<String, float[]> out = new LinkedHashMap<>();
                result.forEach(e -> {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), data);
                });
                return out;
            }
        }
    }
}
