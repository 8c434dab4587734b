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
import io.glimpse.inference.model.RunGate;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The vision encoder graph over its own ONNX Runtime session: normalized tiles in
 * ({@code pixel_values} [G, 3, S, S], plus {@code num_queries} [G] when the graph takes it),
 * feature rows out ([sum of queries, D] or [G, Q, D], float32 or float16). Tiles run in batches of
 * {@link VisionSpec#maxTilesPerRun()}, which bounds the memory of one run and is where a cancel
 * request is honoured.
 *
 * <p>Not thread-safe (one encode at a time); owns its session (close it).
 */
public final class VisionEncoder implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final VisionSpec spec;
    private final OnnxJavaType pixelType;
    private final OnnxJavaType queriesType;
    private final long tileSide;
    private final long rowsPerTile;
    /** Lets a cancel request stop a batch in progress. */
    private final RunGate gate = new RunGate();
    /** Direct, native-order staging of one batch's pixels: ONNX Runtime wraps it without copying (float32 graphs). */
    private ByteBuffer staging;
    private long runNanos;

    private VisionEncoder(Path folder, VisionSpec spec, OrtSession session) throws ModelFolderException, OrtException {
        this.session = session;
        this.spec = spec;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        List<String> fed = new ArrayList<>(List.of(spec.pixelValues()));
        if (spec.numQueries() != null) {
            fed.add(spec.numQueries());
        }
        GraphIo.checkNames(folder, "vision encoder", "inputs", fed, inputs.keySet());
        GraphIo.checkNoExtraInputs(folder, "vision encoder", fed, inputs.keySet());
        GraphIo.checkNames(folder, "vision encoder", "outputs", List.of(spec.features()), outputs.keySet());
        TensorInfo pixels = GraphIo.info(inputs, spec.pixelValues());
        GraphIo.requireFloat(folder, "vision encoder", spec.pixelValues(), pixels);
        pixelType = pixels.type;
        tileSide = GraphIo.lastDim(pixels);
        queriesType = spec.numQueries() == null ? null : GraphIo.info(inputs, spec.numQueries()).type;
        TensorInfo features = GraphIo.info(outputs, spec.features());
        GraphIo.requireFloat(folder, "vision encoder", spec.features(), features);
        long[] shape = features.getShape();
        rowsPerTile = shape.length == 3 && shape[1] > 0 ? shape[1] : -1;
        ModelChecks.width(folder, "the vision encoder's " + spec.features() + " rows are", GraphIo.lastDim(features), spec);
    }

    /** Opens {@code spec}'s encoder graph in {@code folder} and checks it against the wiring. */
    public static VisionEncoder open(Path folder, VisionSpec spec, RuntimeOptions options) throws ModelFolderException {
        OrtSessions.Opened opened = OrtSessions.open(folder, folder.resolve(spec.encoderFile()), options);
        try {
            return new VisionEncoder(folder, spec, opened.session());
        } catch (OrtException e) {
            OrtTensors.closeQuietly(opened.session());
            throw new ModelFolderException(folder, "cannot read the vision encoder's inputs and outputs (" + e.getMessage() + ")", e);
        } catch (ModelFolderException | RuntimeException e) {
            OrtTensors.closeQuietly(opened.session());
            throw e;
        }
    }

    /** Whether the graph takes per-tile query counts (needed for video's slow/fast grids). */
    public boolean takesNumQueries() {
        return queriesType != null;
    }

    /** Feature rows per tile when the output is declared [G, Q, D] with a fixed Q, else -1. */
    public long rowsPerTile() {
        return rowsPerTile;
    }

    /** The tile side the graph declares, or -1 when it is symbolic. */
    public long tileSide() {
        return tileSide;
    }

    /**
     * Encodes {@code tiles} tiles of {@code side × side}, in batches, and returns every feature row
     * in tile order ({@code rows × D} floats).
     *
     * @param pixels   NCHW floats of all tiles, {@code tiles · 3 · side · side}
     * @param queries  per tile: its query count (fed when the graph takes {@code num_queries})
     * @param progress receives the fraction of tiles encoded after each batch
     * @throws io.glimpse.media.CancelledException when {@code cancel} trips (a batch in progress is stopped)
     * @throws InferenceException when ONNX Runtime fails
     */
    public float[] encode(float[] pixels, int tiles, int side, int[] queries, CancelToken cancel, DoubleConsumer progress) {
        int tileFloats = 3 * side * side;
        if (pixels.length != (long) tiles * tileFloats || queries.length != tiles) {
            throw new IllegalArgumentException("encode got " + pixels.length + " pixel values and " + queries.length
                    + " query counts for " + tiles + " tiles of " + side + "x" + side);
        }
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        try (CancelToken.Registration stopRun = gate.watch(cancel)) {
            for (int first = 0; first < tiles; first += spec.maxTilesPerRun()) {
                cancel.throwIfCancelled();
                int count = Math.min(spec.maxTilesPerRun(), tiles - first);
                float[] rows = run(pixels, first, count, side, queries);
                parts.add(rows);
                total += rows.length;
                progress.accept((double) (first + count) / tiles);
            }
        } catch (InferenceException e) {
            cancel.throwIfCancelled(); // the cancel request stopped the batch in progress
            throw e;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private float[] run(float[] pixels, int first, int count, int side, int[] queries) {
        int tileFloats = 3 * side * side;
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(spec.pixelValues(), pixelTensor(pixels, first * tileFloats, count * tileFloats,
                    new long[] {count, 3, side, side}));
            if (queriesType != null) {
                long[] q = new long[count];
                for (int i = 0; i < count; i++) {
                    q[i] = queries[first + i];
                }
                inputs.put(spec.numQueries(), GraphIo.intTensor(env, queriesType, q, new long[] {count}));
            }
            long start = System.nanoTime();
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(spec.features()), gate.options())) {
                runNanos += System.nanoTime() - start;
                float[] rows = OrtTensors.floats((OnnxTensor) result.get(spec.features()).get());
                if (rows.length % spec.hiddenSize() != 0) {
                    throw new IllegalStateException("the vision encoder returned " + rows.length
                            + " values, not a whole number of rows of " + spec.hiddenSize());
                }
                return rows;
            }
        } catch (OrtException e) {
            throw new InferenceException("the vision encoder failed on tiles " + first + ".." + (first + count - 1)
                    + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * The batch's pixels as a tensor. float32 goes through a reused direct buffer: a heap array handed
     * to ONNX Runtime is copied into a fresh direct buffer on every run, which cost as much as the
     * tiny test encoder itself (32 tiles: ~100 ms of 250).
     */
    private OnnxTensor pixelTensor(float[] pixels, int offset, int length, long[] shape) throws OrtException {
        if (pixelType != OnnxJavaType.FLOAT) {
            return GraphIo.floatTensor(env, pixelType, pixels, offset, length, shape);
        }
        if (staging == null || staging.capacity() < length * 4) {
            staging = ByteBuffer.allocateDirect(length * 4).order(ByteOrder.nativeOrder());
        }
        FloatBuffer floats = staging.clear().asFloatBuffer();
        floats.put(pixels, offset, length).flip();
        return OnnxTensor.createTensor(env, floats, shape);
    }

    /** Nanoseconds spent inside ONNX Runtime so far. */
    public long runNanos() {
        return runNanos;
    }

    @Override
    public void close() {
        gate.close();
        OrtTensors.closeQuietly(session);
    }
}
