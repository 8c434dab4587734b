package io.glimpse.inference.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glimpse.inference.InferenceException;
import io.glimpse.inference.model.RunGate;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.nio.FloatBuffer;

/**
 * One float-in, float-out run of an OCR session, stoppable mid-run: a {@link RunGate} per run (so that
 * concurrent OCRs on one engine never share a terminate flag), tripped by the cancel token.
 */
final class OnnxRun {
    private OnnxRun() {
    }

    /** The first output, flat, and its shape. */
    record Output(float[] data, long[] shape) {
    }

    static Output run(OrtSession session, float[] input, long[] shape, CancelToken cancel) {
        cancel.throwIfCancelled();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String name = session.getInputNames().iterator().next();
        try (RunGate gate = new RunGate();
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             CancelToken.Registration watch = gate.watch(cancel);
             OrtSession.Result result = session.run(java.util.Map.of(name, tensor), gate.options())) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer b = out.getFloatBuffer();
            float[] data = new float[b.remaining()];
            b.get(data);
            return new Output(data, out.getInfo().getShape());
        } catch (OrtException e) {
            if (cancel.isCancelled()) {
                throw new CancelledException();
            }
            throw new InferenceException("OCR model run failed: " + e.getMessage(), e);
        }
    }
}
