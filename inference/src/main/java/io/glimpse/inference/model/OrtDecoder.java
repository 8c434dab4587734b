package io.glimpse.inference.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.glimpse.inference.InferenceException;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.media.CancelToken;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Decoder} over one ONNX Runtime session. The cache stays inside ONNX Runtime: the
 * {@code present} outputs of one run are fed, as they are, as the {@code past} inputs of the next
 * (no copy into Java). Id, mask and position tensors wrap reused direct buffers, and the logits of
 * a one-token step land in a pinned, reused output buffer, so a decode step allocates no
 * vocabulary-sized or context-sized memory in Java.
 *
 * <p>Dtypes (int32/int64 ids and mask, float32/float16 cache and logits) are read from the graph,
 * not assumed. Not thread-safe; owns the session (close it).
 */
public final class OrtDecoder implements Decoder {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final DecoderWiring wiring;
    private final int vocabSize;
    private final int contextLength;
    private final String provider;
    private final String fallbackReason;
    private final OnnxJavaType idType;
    /** Type and width of the {@code inputs_embeds} input of a decoder that takes embeddings; null / -1 otherwise. */
    private final OnnxJavaType embedsType;
    private final long embedsWidth;
    private final OnnxJavaType maskType;
    private final OnnxJavaType positionType;
    private final OnnxJavaType kvType;
    private final boolean feedPositions;
    private final String useCacheBranch;
    private final String[] pastNames;
    private final String[] presentNames;
    private final Set<String> presentSet;
    private final Map<String, OnnxTensor> emptyPast = new HashMap<>();

    private final ByteBuffer ids;
    private final ByteBuffer mask;
    private final ByteBuffer positions;
    private final LogitsBuffer logits;
    private final Map<String, OnnxTensor> pinnedOutputs;
    /** [1,1] id and position tensors of one-token steps: they wrap {@link #ids}/{@link #positions}, so only the values change. */
    private final OnnxTensor stepIds;
    private final OnnxTensor stepPositions;
    /** The inputs of one run and the tensors made for it, reused from step to step (cleared after each run). */
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final List<OnnxTensor> owned = new ArrayList<>(4);

    /** Lets a cancel request stop a run in progress (a long prefill). */
    private final RunGate gate = new RunGate();

    private OrtSession.Result cache;
    private int position;
    private long runNanos;

    private OrtDecoder(ModelSpec spec, OrtSessions.Opened opened) throws ModelFolderException, OrtException {
        this.session = opened.session();
        this.provider = opened.provider();
        this.fallbackReason = opened.fallbackReason();
        this.wiring = spec.decoder();
        this.contextLength = spec.contextLength();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        DecoderGraph.checkNames(spec, "inputs", DecoderGraph.withoutPositions(wiring, wiring.expectedInputs()), inputs.keySet());
        DecoderGraph.checkNames(spec, "outputs", wiring.expectedOutputs(), outputs.keySet());

        maskType = DecoderGraph.type(inputs, wiring.attentionMask());
        // A decoder that takes embeddings has no id input: the mask's type stands in (ids are never fed).
        idType = wiring.takesEmbeddings() ? maskType : DecoderGraph.type(inputs, wiring.inputIds());
        embedsType = wiring.takesEmbeddings() ? DecoderGraph.type(inputs, wiring.inputsEmbeds()) : null;
        embedsWidth = wiring.takesEmbeddings() ? DecoderGraph.lastDim(inputs, wiring.inputsEmbeds()) : -1;
        if (embedsType != null && embedsType != OnnxJavaType.FLOAT && embedsType != OnnxJavaType.FLOAT16) {
            throw new ModelFolderException(spec.folder(), "the decoder's " + wiring.inputsEmbeds()
                    + " must be float32 or float16, the graph has " + embedsType);
        }
        feedPositions = wiring.positionIds() != null && inputs.containsKey(wiring.positionIds());
        positionType = feedPositions ? DecoderGraph.type(inputs, wiring.positionIds()) : OnnxJavaType.INT64;
        useCacheBranch = inputs.containsKey("use_cache_branch") ? "use_cache_branch" : null;
        List<String> past = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (int i = 0; i < wiring.layers(); i++) {
            if (wiring.layout() == KvLayout.STACKED) {
                past.add(DecoderWiring.name(wiring.pastStacked(), i));
                present.add(DecoderWiring.name(wiring.presentStacked(), i));
            } else {
                past.add(DecoderWiring.name(wiring.pastKey(), i));
                past.add(DecoderWiring.name(wiring.pastValue(), i));
                present.add(DecoderWiring.name(wiring.presentKey(), i));
                present.add(DecoderWiring.name(wiring.presentValue(), i));
            }
        }
        pastNames = past.toArray(String[]::new);
        presentNames = present.toArray(String[]::new);
        presentSet = new LinkedHashSet<>(present);
        kvType = DecoderGraph.type(inputs, pastNames[0]);
        OnnxJavaType logitsType = DecoderGraph.type(outputs, wiring.logits());
        DecoderGraph.checkDeclared(spec, "kv_dtype", wiring.kvDtype(), pastNames[0], kvType);
        DecoderGraph.checkDeclared(spec, "id_dtype", wiring.idDtype(), wiring.takesEmbeddings() ? wiring.attentionMask() : wiring.inputIds(), idType);
        if (wiring.positionIds() == null && inputs.containsKey("position_ids")) {
            throw new ModelFolderException(spec.folder(), spec.source() + " says the decoder takes no position ids, "
                    + "but the graph has a position_ids input");
        }
        long[] logitsShape = ((TensorInfo) outputs.get(wiring.logits()).getInfo()).getShape();
        long width = logitsShape[logitsShape.length - 1];
        vocabSize = width > 0 ? (int) width : spec.vocabSize();
        if (width > 0 && width != spec.vocabSize()) {
            throw new ModelFolderException(spec.folder(), spec.source() + " says vocab_size " + spec.vocabSize()
                    + " but the decoder's logits are " + width + " wide");
        }
        long[] emptyShape = wiring.layout() == KvLayout.STACKED
                ? new long[] {2, 1, wiring.kvHeads(), 0, wiring.headSize()}
                : new long[] {1, wiring.kvHeads(), 0, wiring.headSize()};
        for (String name : pastNames) {
            emptyPast.put(name, kvType == OnnxJavaType.FLOAT16
                    ? OnnxTensor.createTensor(env, ShortBuffer.allocate(0), emptyShape, OnnxJavaType.FLOAT16)
                    : OnnxTensor.createTensor(env, FloatBuffer.allocate(0), emptyShape));
        }
        ids = direct(contextLength * 8);
        positions = direct(contextLength * 8);
        mask = direct(contextLength * 8);
        for (int i = 0; i < contextLength; i++) {
            putIndex(mask, maskType, i, 1);
        }
        logits = new LogitsBuffer(env, vocabSize, logitsType);
        pinnedOutputs = Map.of(wiring.logits(), logits.pinned());
        stepIds = intTensor(ids, idType, 1);
        stepPositions = intTensor(positions, positionType, 1);
    }

    /** Loads the decoder of {@code spec} and checks its graph against the wiring. */
    public static OrtDecoder open(ModelSpec spec, RuntimeOptions options) throws ModelFolderException {
        OrtSessions.Opened opened = OrtSessions.open(spec.folder(), spec.folder().resolve(spec.decoder().file()), options);
        try {
            return new OrtDecoder(spec, opened);
        } catch (OrtException e) {
            OrtTensors.closeQuietly(opened.session());
            throw new ModelFolderException(spec.folder(), "cannot read the decoder's inputs and outputs (" + e.getMessage() + ")", e);
        } catch (ModelFolderException | RuntimeException e) {
            OrtTensors.closeQuietly(opened.session());
            throw e;
        }
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(Math.max(bytes, 8)).order(ByteOrder.nativeOrder());
    }

    private static void putIndex(ByteBuffer buffer, OnnxJavaType type, int index, long value) {
        if (type == OnnxJavaType.INT32) {
            buffer.putInt(index * 4, (int) value);
        } else {
            buffer.putLong(index * 8, value);
        }
    }

    private OnnxTensor intTensor(ByteBuffer buffer, OnnxJavaType type, int count) throws OrtException {
        int bytes = count * (type == OnnxJavaType.INT32 ? 4 : 8);
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(bytes);
        return OnnxTensor.createTensor(env, view.slice().order(ByteOrder.nativeOrder()), new long[] {1, count}, type);
    }

    @Override
    public float[] forward(int[] tokens) {
        return logits.read(run(tokens), tokens.length);
    }

    @Override
    public int forwardArgmax(int[] tokens) {
        return logits.argmax(run(tokens), tokens.length);
    }

    /**
     * Runs {@code count} embedding rows ({@code count × hidden} floats, converted to the graph's
     * float32 or float16) after the cached positions and returns the logits of the last one.
     *
     * @throws IllegalStateException when the decoder takes token ids, or the cache would exceed the context
     */
    @Override
    public float[] forwardEmbeddings(float[] rows, int count) {
        return logits.read(run(count, null, rows), count);
    }

    @Override
    public int forwardEmbeddingsArgmax(float[] rows, int count) {
        return logits.argmax(run(count, null, rows), count);
    }

    /** Whether the graph takes {@code inputs_embeds} instead of token ids. */
    public boolean takesEmbeddings() {
        return embedsType != null;
    }

    /** Width of the graph's {@code inputs_embeds} rows, or -1 when it is symbolic or the decoder takes ids. */
    public long embeddingWidth() {
        return embedsWidth;
    }

    /**
     * A copy of the named float output of the last run, for diagnostics and tests (e.g. a test
     * model's {@code received_embeds}). Only runs of more than one position fetch every output;
     * one-token steps fetch the logits and the cache only.
     *
     * @throws IllegalStateException when nothing ran yet or the last run did not produce {@code name}
     */
    public float[] copyOutput(String name) {
        if (cache == null) {
            throw new IllegalStateException("the decoder has not run since its last reset");
        }
        java.util.Optional<OnnxValue> value = cache.get(name);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("the last run has no tensor output " + name);
        }
        return OrtTensors.floats(tensor);
    }

    /**
     * Runs the graph on {@code tokens} after the cached ones and keeps the new cache. One-token steps write
     * their logits into the pinned buffer and return null; longer runs return the logits output of every
     * position, owned by the cache (valid until the next run).
     */
    private OnnxTensor run(int[] tokens) {
        if (takesEmbeddings()) {
            throw new IllegalStateException("this decoder takes embeddings (" + wiring.inputsEmbeds() + "), not token ids");
        }
        return run(tokens.length, tokens, null);
    }

    /** One run on either {@code tokens} or {@code count} embedding rows (the other is null). */
    private OnnxTensor run(int s, int[] tokens, float[] rows) {
        if (rows != null && !takesEmbeddings()) {
            throw new IllegalStateException("this decoder takes token ids (" + wiring.inputIds() + "), not embeddings");
        }
        if (s == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        if (position + s > contextLength) {
            throw new IllegalStateException("the cache would hold " + (position + s) + " tokens, over the context length " + contextLength);
        }
        for (int i = 0; i < s; i++) {
            if (tokens != null) {
                putIndex(ids, idType, i, tokens[i]);
            }
            putIndex(positions, positionType, i, position + i);
        }
        try {
            if (rows != null) {
                inputs.put(wiring.inputsEmbeds(), track(owned, embedsTensor(rows, s)));
            } else {
                inputs.put(wiring.inputIds(), s == 1 ? stepIds : track(owned, intTensor(ids, idType, s)));
            }
            inputs.put(wiring.attentionMask(), track(owned, intTensor(mask, maskType, position + s)));
            if (feedPositions) {
                inputs.put(wiring.positionIds(), s == 1 ? stepPositions : track(owned, intTensor(positions, positionType, s)));
            }
            if (useCacheBranch != null) {
                inputs.put(useCacheBranch, track(owned, OnnxTensor.createTensor(env, new boolean[] {position > 0})));
            }
            for (int i = 0; i < pastNames.length; i++) {
                inputs.put(pastNames[i], cache == null ? emptyPast.get(pastNames[i]) : (OnnxTensor) cache.get(presentNames[i]).get());
            }
            long start = System.nanoTime();
            OrtSession.Result result = s == 1
                    ? session.run(inputs, presentSet, pinnedOutputs, gate.options())
                    : session.run(inputs, gate.options());
            runNanos += System.nanoTime() - start;
            if (cache != null) {
                cache.close(); // the old past tensors, now consumed
            }
            cache = result;
            position += s;
            return s == 1 ? null : (OnnxTensor) result.get(wiring.logits()).get();
        } catch (OrtException e) {
            throw new InferenceException("the decoder failed at position " + position + ": " + e.getMessage(), e);
        } finally {
            owned.forEach(OnnxTensor::close);
            owned.clear();
            inputs.clear();
        }
    }

    /** [1, s, hidden] rows in the graph's float type. */
    private OnnxTensor embedsTensor(float[] rows, int s) throws OrtException {
        if (rows.length % s != 0 || (embedsWidth > 0 && rows.length != s * embedsWidth)) {
            throw new IllegalArgumentException(rows.length + " embedding values are not " + s + " rows of "
                    + (embedsWidth > 0 ? embedsWidth : "equal width"));
        }
        int width = rows.length / s;
        long[] shape = {1, s, width};
        if (embedsType == OnnxJavaType.FLOAT16) {
            short[] halves = new short[rows.length];
            for (int i = 0; i < halves.length; i++) {
                halves[i] = Float16.fromFloat(rows[i]);
            }
            return OnnxTensor.createTensor(env, ShortBuffer.wrap(halves), shape, OnnxJavaType.FLOAT16);
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), shape);
    }

    private static OnnxTensor track(List<OnnxTensor> owned, OnnxTensor t) {
        owned.add(t);
        return t;
    }

    @Override
    public void reset() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        position = 0;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public long runNanos() {
        return runNanos;
    }

    @Override
    public CancelToken.Registration stopRunsOn(CancelToken cancel) {
        return gate.watch(cancel);
    }

    /** The execution provider the session runs on: {@code CPU} or {@code CUDA}. */
    public String provider() {
        return provider;
    }

    /** Why CUDA was not used although asked for, or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public void close() {
        reset();
        emptyPast.values().forEach(OnnxTensor::close);
        logits.close();
        gate.close();
        stepIds.close();
        stepPositions.close();
        OrtTensors.closeQuietly(session);
    }
}
