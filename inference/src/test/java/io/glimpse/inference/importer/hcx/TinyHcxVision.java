package io.glimpse.inference.importer.hcx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shared tiny-hcx-vision fixture (random-weight HCX checkpoint with float32 references, see its
 * README) and a one-output ONNX Runtime runner. Tests skip, with a message, when the fixture is absent.
 */
final class TinyHcxVision {
    static final String NAME = "hf/tiny-hcx-vision";

    private TinyHcxVision() {
    }

    static Path folder() {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures").resolve(NAME).normalize();
        assumeTrue(Files.isRegularFile(p.resolve("model.safetensors")), "fixture " + p + " absent; test skipped");
        return p;
    }

    /** Runs a graph file with the given inputs (closed afterwards) and copies out its one float output. */
    static NpyArray run(Path onnx, Map<String, OnnxTensor> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OrtSession.Result r = s.run(inputs)) {
            OnnxValue v = r.get(0);
            OnnxTensor t = (OnnxTensor) v;
            FloatBuffer fb = t.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new NpyArray(t.getInfo().getShape(), data);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Largest |a − b| over equally long arrays. */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError(a.length + " values vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
