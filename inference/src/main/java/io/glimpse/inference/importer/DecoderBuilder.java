package io.glimpse.inference.importer;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.importer.DecoderArchitecture.TensorNames;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import io.glimpse.media.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a Llama-family decoder as one {@code decoder_model_merged}-style ONNX graph with the I/O
 * contract Glimpse's runtime runs (docs/model-format.md): {@code input_ids} int64 [1, S] (or
 * {@code inputs_embeds} float32 [1, S, D]), {@code attention_mask} int64 [1, P+S], {@code position_ids}
 * int64 [1, S], {@code past_key_values.N.key/value} float32 [1, kv, P, hd] → {@code logits} float32
 * [1, S, V], {@code present.N.key/value} [1, kv, P+S, hd].
 *
 * <p>Math as transformers' {@code LlamaForCausalLM}: pre-norm layers (RMSNorm), rotate-half RoPE,
 * grouped-query attention with a causal mask over the cache, SiLU-gated MLP, final RMSNorm, tied or
 * untied LM head. The op set ({@link Ops}) changes only how the same math is spelled.
 *
 * <p>Weights are read one tensor at a time and handed to the graph at once (external data), so memory
 * is bounded by the largest tensor. Not thread-safe: one builder writes one graph.
 */
public final class DecoderBuilder {
    /**
     * @param ops             the op set
     * @param takesEmbeddings the graph takes {@code inputs_embeds} instead of ids (a vision-language decoder)
     * @param body            writes every Linear of the layers
     * @param lmHead          writes the LM head (may keep more precision than the body)
     * @param halfEmbeddings  store the embedding table as float16 (cast after the lookup)
     */
    public record Options(Ops ops, boolean takesEmbeddings, LinearWriter body, LinearWriter lmHead, boolean halfEmbeddings) {
    }

    private final DecoderGeometry geo;
    private final TensorNames names;
    private final Options options;

    public DecoderBuilder(DecoderGeometry geometry, TensorNames names, Options options) {
        this.geo = geometry;
        this.names = names;
        this.options = options;
    }

    /** A checkpoint tensor the graph reads and the shape config.json implies for it. */
    public record TensorSpec(String name, long... shape) {
    }

    /** Every checkpoint tensor the graph reads, in reading order (the embedding twice when tied). */
    public List<TensorSpec> tensorsRead() {
        List<TensorSpec> out = new ArrayList<>();
        long d = geo.hidden();
        long q = (long) geo.heads() * geo.headDim();
        long kv = (long) geo.kvHeads() * geo.headDim();
        long f = geo.intermediate();
        if (!options.takesEmbeddings()) {
            out.add(new TensorSpec(names.embed(), geo.vocab(), d));
        }
        out.add(new TensorSpec(names.layer(0, LayerTensor.INPUT_NORM), d));
        for (int l = 0; l < geo.layers(); l++) {
            out.add(new TensorSpec(names.layer(l, LayerTensor.Q_PROJ), q, d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.K_PROJ), kv, d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.V_PROJ), kv, d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.O_PROJ), d, q));
            out.add(new TensorSpec(names.layer(l, LayerTensor.POST_ATTENTION_NORM), d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.GATE_PROJ), f, d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.UP_PROJ), f, d));
            out.add(new TensorSpec(names.layer(l, LayerTensor.DOWN_PROJ), d, f));
            out.add(new TensorSpec(l + 1 < geo.layers() ? names.layer(l + 1, LayerTensor.INPUT_NORM) : names.finalNorm(), d));
        }
        out.add(new TensorSpec(geo.tied() ? names.embed() : names.lmHead(), geo.vocab(), d));
        return out;
    }

    /** Why {@link Ops#FUSED} is only partly fused for this geometry (ONNX Runtime's head-size limits), or null. */
    public String fusedLimitation() {
        return options.ops() == Ops.FUSED ? FusedMath.limitation(geo) : null;
    }

    /** Builds the graph into {@code g} (whose external data file, if any, receives the weights). */
    public void build(OnnxGraph g, WeightSource w) throws CheckpointException {
        build(g, w, CancelToken.NONE);
    }

    /**
     * Builds the graph, honouring a cancel request inside its long loops (the rotary tables); between tensors
     * the weight source checks it (the importer's does).
     *
     * @throws io.glimpse.media.CancelledException when {@code cancel} is tripped
     */
    public void build(OnnxGraph g, WeightSource w, CancelToken cancel) throws CheckpointException {
        String x = inputs(g);
        if (!options.takesEmbeddings()) {
            x = embedding(g, w, x);
        }
        DecoderMath math = options.ops() == Ops.FUSED ? new FusedMath(g, geo, x, cancel) : new StandardMath(g, geo, x);
        String h = math.norm("layers.0.input_layernorm", x, w.floats(names.layer(0, LayerTensor.INPUT_NORM), geo.hidden()));
        for (int l = 0; l < geo.layers(); l++) {
            String attn = math.attention(l, h, projections(w, l), options.body());
            String[] afterAttn = math.addAndNorm("layers." + l + ".post_attention_layernorm", x, attn,
                    w.floats(names.layer(l, LayerTensor.POST_ATTENTION_NORM), geo.hidden()));
            String mlp = mlp(g, w, l, afterAttn[0]);
            boolean last = l + 1 == geo.layers();
            String next = last ? names.finalNorm() : names.layer(l + 1, LayerTensor.INPUT_NORM);
            String[] afterMlp = math.addAndNorm(last ? "norm" : "layers." + (l + 1) + ".input_layernorm",
                    afterAttn[1], mlp, w.floats(next, geo.hidden()));
            h = afterMlp[0];
            x = afterMlp[1];
        }
        float[] head = geo.tied() ? w.floats(names.embed(), geo.vocab(), geo.hidden())
                : w.floats(names.lmHead(), geo.vocab(), geo.hidden());
        // Only the last position's logits [1, 1, V] are computed (as onnxruntime-genai's builder can): the runtime
        // samples from that row alone, and the LM head over every prompt position is a large share of a prefill.
        String last = g.op("Slice", h, g.vector("last_start", -1), g.vector("last_end", Long.MAX_VALUE), g.vector("last_axis", 1));
        g.named("logits", "Identity", options.lmHead().linear(g, "lm_head", last, head, geo.vocab(), geo.hidden()));
        outputs(g);
    }

    /** The q, k, v and o weights of one layer, [out, in] each. */
    private float[][] projections(WeightSource w, int l) throws CheckpointException {
        int q = geo.heads() * geo.headDim();
        int kv = geo.kvHeads() * geo.headDim();
        return new float[][] {
                w.floats(names.layer(l, LayerTensor.Q_PROJ), q, geo.hidden()),
                w.floats(names.layer(l, LayerTensor.K_PROJ), kv, geo.hidden()),
                w.floats(names.layer(l, LayerTensor.V_PROJ), kv, geo.hidden()),
                w.floats(names.layer(l, LayerTensor.O_PROJ), geo.hidden(), q)};
    }

    /** down(silu(gate(h)) · up(h)). */
    private String mlp(OnnxGraph g, WeightSource w, int l, String h) throws CheckpointException {
        int d = geo.hidden();
        int f = geo.intermediate();
        String prefix = "layers." + l + ".mlp.";
        String gate = options.body().linear(g, prefix + "gate_proj", h, w.floats(names.layer(l, LayerTensor.GATE_PROJ), f, d), f, d);
        String up = options.body().linear(g, prefix + "up_proj", h, w.floats(names.layer(l, LayerTensor.UP_PROJ), f, d), f, d);
        String silu = g.op("Mul", gate, g.op("Sigmoid", gate));
        return options.body().linear(g, prefix + "down_proj", g.op("Mul", silu, up),
                w.floats(names.layer(l, LayerTensor.DOWN_PROJ), d, f), d, f);
    }

    private String embedding(OnnxGraph g, WeightSource w, String ids) throws CheckpointException {
        float[] table = w.floats(names.embed(), geo.vocab(), geo.hidden());
        if (options.halfEmbeddings()) {
            String t = g.halves("embed_tokens.weight", Linears.toHalves(table), geo.vocab(), geo.hidden());
            return g.op("Cast", attrs(Attr.i("to", DataType.FLOAT.getNumber())),
                    g.op("Gather", attrs(Attr.i("axis", 0)), t, ids));
        }
        return g.op("Gather", attrs(Attr.i("axis", 0)), g.floats("embed_tokens.weight", table, geo.vocab(), geo.hidden()), ids);
    }

    private String inputs(OnnxGraph g) {
        String x = options.takesEmbeddings()
                ? g.input("inputs_embeds", DataType.FLOAT, "batch", "sequence", geo.hidden())
                : g.input("input_ids", DataType.INT64, "batch", "sequence");
        g.input("attention_mask", DataType.INT64, "batch", "total_sequence");
        g.input("position_ids", DataType.INT64, "batch", "sequence");
        eachLayer(l -> {
            g.input("past_key_values." + l + ".key", DataType.FLOAT, "batch", geo.kvHeads(), "past_sequence", geo.headDim());
            g.input("past_key_values." + l + ".value", DataType.FLOAT, "batch", geo.kvHeads(), "past_sequence", geo.headDim());
        });
        return x;
    }

    private void outputs(OnnxGraph g) {
        g.output("logits", DataType.FLOAT, "batch", 1, geo.vocab()); // the last position only (see build)
        eachLayer(l -> {
            g.output("present." + l + ".key", DataType.FLOAT, "batch", geo.kvHeads(), "total_sequence", geo.headDim());
            g.output("present." + l + ".value", DataType.FLOAT, "batch", geo.kvHeads(), "total_sequence", geo.headDim());
        });
    }

    private void eachLayer(Consumer<Integer> body) {
        for (int l = 0; l < geo.layers(); l++) {
            body.accept(l);
        }
    }
}
