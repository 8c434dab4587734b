package io.glimpse.inference.vision;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.glimpse.inference.InferenceException;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.OrtSessions;
import io.glimpse.inference.model.OrtTensors;
import io.glimpse.inference.model.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token-embedding graph ({@code embed_tokens}) over its own ONNX Runtime session: ids
 * [1, S] in, rows [1, S, D] out (float32 or float16, returned as floats).
 *
 * <p>Not thread-safe; owns its session (close it).
 */
public final class TokenEmbedder implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final VisionSpec spec;
    private final OnnxJavaType idType;
    private long runNanos;

    private TokenEmbedder(Path folder, VisionSpec spec, OrtSession session) throws ModelFolderException, OrtException {
        this.session = session;
        this.spec = spec;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        GraphIo.checkNames(folder, "token embedding graph", "inputs", List.of(spec.embedInputIds()), inputs.keySet());
        GraphIo.checkNoExtraInputs(folder, "token embedding graph", List.of(spec.embedInputIds()), inputs.keySet());
        GraphIo.checkNames(folder, "token embedding graph", "outputs", List.of(spec.embedOutput()), outputs.keySet());
        idType = GraphIo.info(inputs, spec.embedInputIds()).type;
        TensorInfo out = GraphIo.info(outputs, spec.embedOutput());
        GraphIo.requireFloat(folder, "token embedding graph", spec.embedOutput(), out);
        ModelChecks.width(folder, "the token embedding graph's " + spec.embedOutput() + " rows are", GraphIo.lastDim(out), spec);
    }

    /** Opens {@code spec}'s embedding graph in {@code folder} and checks it against the wiring. */
    public static TokenEmbedder open(Path folder, VisionSpec spec, RuntimeOptions options) throws ModelFolderException {
        OrtSessions.Opened opened = OrtSessions.open(folder, folder.resolve(spec.embedFile()), options);
        try {
            return new TokenEmbedder(folder, spec, opened.session());
        } catch (OrtException e) {
            OrtTensors.closeQuietly(opened.session());
            throw new ModelFolderException(folder, "cannot read the token embedding graph's inputs and outputs ("
                    + e.getMessage() + ")", e);
        } catch (ModelFolderException | RuntimeException e) {
            OrtTensors.closeQuietly(opened.session());
            throw e;
        }
    }

    /** The rows of {@code ids}, {@code ids.length × D} floats. */
    public float[] embed(int[] ids) {
        long[] values = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        try (OnnxTensor input = GraphIo.intTensor(env, idType, values, new long[] {1, ids.length})) {
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(Map.of(spec.embedInputIds(), input), Set.of(spec.embedOutput()))) {
                runNanos += System.nanoTime() - start;
                float[] rows = OrtTensors.floats((OnnxTensor) result.get(spec.embedOutput()).get());
                if (rows.length != (long) ids.length * spec.hiddenSize()) {
                    throw new IllegalStateException("the token embedding graph returned " + rows.length + " values for "
                            + ids.length + " ids, expected " + ids.length + " rows of " + spec.hiddenSize());
                }
                return rows;
            }
        } catch (OrtException e) {
            throw new InferenceException("the token embedding graph failed: " + e.getMessage(), e);
        }
    }

    /** Nanoseconds spent inside ONNX Runtime so far. */
    public long runNanos() {
        return runNanos;
    }

    @Override
    public void close() {
        OrtTensors.closeQuietly(session);
    }
}
