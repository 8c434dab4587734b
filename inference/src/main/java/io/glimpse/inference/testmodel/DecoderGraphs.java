package io.glimpse.inference.testmodel;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;
import static io.glimpse.inference.testmodel.TinyHcx.CONTEXT;
import static io.glimpse.inference.testmodel.TinyHcx.FFN;
import static io.glimpse.inference.testmodel.TinyHcx.HEADS;
import static io.glimpse.inference.testmodel.TinyHcx.HEAD_SIZE;
import static io.glimpse.inference.testmodel.TinyHcx.HIDDEN;
import static io.glimpse.inference.testmodel.TinyHcx.KV_HEADS;
import static io.glimpse.inference.testmodel.TinyHcx.LAYERS;
import static io.glimpse.inference.testmodel.TinyHcx.PROBE_TOKEN;
import static io.glimpse.inference.testmodel.TinyHcx.VOCAB;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * The {@code decoder_model_merged} graphs of the test models: {@code inputs_embeds} [B, S, D],
 * {@code attention_mask} [B, P+S], {@code position_ids} [B, S], {@code past_key_values.N.key/value}
 * [B, kv_heads, P, head_size] → {@code logits} [B, S, V], {@code present.N.key/value}
 * [B, kv_heads, P+S, head_size]. Stateless; every method builds a new graph.
 */
final class DecoderGraphs {
    /** HF's masking value ({@code torch.finfo(float32).min}): a fully masked row stays finite. */
    private static final float MASKED = -Float.MAX_VALUE;

    private DecoderGraphs() {}

    /**
     * A small Llama-like decoder with random weights: learned position table (Gather on
     * position_ids), per layer RMSNorm → grouped-query attention (4 query heads over 2 KV heads,
     * the cache concatenated on the sequence axis, causal mask key j > P + i plus attention_mask)
     * → residual → RMSNorm → SiLU-gated MLP → residual; final RMSNorm and an LM head to 264 logits.
     */
    static OnnxGraph random(Weights w) {
        OnnxGraph g = new OnnxGraph("decoder_random");
        String x = inputs(g);
        x = g.op("Add", x, g.op("Gather", attrs(Attr.i("axis", 0)),
                g.floats("position_table", w.normal(CONTEXT * HIDDEN, 0.02), CONTEXT, HIDDEN), "position_ids"));
        String bias = maskBias(g);
        g.scalar("eps", 1e-6f);
        g.vector("heads_shape", 0, 0, HEADS, HEAD_SIZE);
        g.vector("kv_shape", 0, 0, KV_HEADS, HEAD_SIZE);
        g.vector("merge_shape", 0, 0, HEADS * HEAD_SIZE);
        g.vector("gqa_shape", 0, HEADS, -1, HEAD_SIZE);
        g.vector("gqa_repeats", 1, 1, HEADS / KV_HEADS, 1, 1);
        g.vector("axis2", 2);
        g.scalar("inv_sqrt_hd", (float) (1 / Math.sqrt(HEAD_SIZE)));
        for (int l = 0; l < LAYERS; l++) {
            String h = rmsNorm(g, x, g.floats("attn_norm_" + l, Weights.filled(HIDDEN, 1f), HIDDEN));
            String q = heads(g, g.op("MatMul", h, weight(g, w, "q_" + l, HIDDEN, HEADS * HEAD_SIZE)), "heads_shape");
            String k = heads(g, g.op("MatMul", h, weight(g, w, "k_" + l, HIDDEN, KV_HEADS * HEAD_SIZE)), "kv_shape");
            String v = heads(g, g.op("MatMul", h, weight(g, w, "v_" + l, HIDDEN, KV_HEADS * HEAD_SIZE)), "kv_shape");
            String keys = g.named("present." + l + ".key", "Concat", attrs(Attr.i("axis", 2)),
                    "past_key_values." + l + ".key", k);
            String values = g.named("present." + l + ".value", "Concat", attrs(Attr.i("axis", 2)),
                    "past_key_values." + l + ".value", v);
            String kt = g.op("Transpose", attrs(Attr.ints("perm", 0, 1, 3, 2)), repeatKv(g, keys));
            String scores = g.op("Add", g.op("Mul", g.op("MatMul", q, kt), "inv_sqrt_hd"), bias);
            String probs = g.op("Softmax", attrs(Attr.i("axis", -1)), scores);
            String ctx = g.op("MatMul", probs, repeatKv(g, values)); // [B, H, S, hd]
            String merged = g.op("Reshape", g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), ctx), "merge_shape");
            x = g.op("Add", x, g.op("MatMul", merged, weight(g, w, "o_" + l, HEADS * HEAD_SIZE, HIDDEN)));

            String h2 = rmsNorm(g, x, g.floats("mlp_norm_" + l, Weights.filled(HIDDEN, 1f), HIDDEN));
            String gate = g.op("MatMul", h2, weight(g, w, "gate_" + l, HIDDEN, FFN));
            String up = g.op("MatMul", h2, weight(g, w, "up_" + l, HIDDEN, FFN));
            String silu = g.op("Mul", gate, g.op("Sigmoid", gate));
            x = g.op("Add", x, g.op("MatMul", g.op("Mul", silu, up), weight(g, w, "down_" + l, FFN, HIDDEN)));
        }
        String out = rmsNorm(g, x, g.floats("final_norm", Weights.filled(HIDDEN, 1f), HIDDEN));
        g.named("logits", "MatMul", out, weight(g, w, "lm_head", HIDDEN, VOCAB));
        outputs(g);
        return g;
    }

    /**
     * Probe decoder: {@code received_embeds} = its inputs_embeds (Identity); logits are the same
     * row at every position, 0 everywhere but 10 at id 97, so greedy always picks 'a'; the cache
     * grows by the first 32 (key) and last 32 (value) embedding values of each new position,
     * reshaped to [B, kv_heads, S, head_size].
     */
    static OnnxGraph probe() {
        OnnxGraph g = new OnnxGraph("decoder_probe");
        String x = inputs(g);
        g.named("received_embeds", "Identity", x);
        float[] row = new float[VOCAB];
        row[PROBE_TOKEN] = 10f;
        String shape = g.op("Concat", attrs(Attr.i("axis", 0)),
                g.op("Slice", g.op("Shape", x), g.vector("start0", 0), g.vector("end2", 2)), g.vector("vocab", VOCAB));
        g.named("logits", "Expand", g.floats("logits_row", row, 1, 1, VOCAB), shape);
        int half = KV_HEADS * HEAD_SIZE;
        String kvShape = g.vector("kv_shape", 0, 0, KV_HEADS, HEAD_SIZE);
        String axes = g.vector("axis_last", 2);
        String k = g.op("Slice", x, g.vector("k_start", 0), g.vector("k_end", half), axes);
        String v = g.op("Slice", x, g.vector("v_start", HIDDEN - half), g.vector("v_end", HIDDEN), axes);
        k = g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", k, kvShape));
        v = g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", v, kvShape));
        for (int l = 0; l < LAYERS; l++) {
            g.named("present." + l + ".key", "Concat", attrs(Attr.i("axis", 2)), "past_key_values." + l + ".key", k);
            g.named("present." + l + ".value", "Concat", attrs(Attr.i("axis", 2)), "past_key_values." + l + ".value", v);
        }
        outputs(g);
        g.output("received_embeds", DataType.FLOAT, "batch", "sequence", HIDDEN);
        return g;
    }

    /** Declares the graph inputs; returns the embeddings' name. */
    private static String inputs(OnnxGraph g) {
        String x = g.input("inputs_embeds", DataType.FLOAT, "batch", "sequence", HIDDEN);
        g.input("attention_mask", DataType.INT64, "batch", "total_sequence");
        g.input("position_ids", DataType.INT64, "batch", "sequence");
        for (int l = 0; l < LAYERS; l++) {
            g.input("past_key_values." + l + ".key", DataType.FLOAT, "batch", KV_HEADS, "past_sequence", HEAD_SIZE);
            g.input("past_key_values." + l + ".value", DataType.FLOAT, "batch", KV_HEADS, "past_sequence", HEAD_SIZE);
        }
        return x;
    }

    private static void outputs(OnnxGraph g) {
        g.output("logits", DataType.FLOAT, "batch", "sequence", VOCAB);
        for (int l = 0; l < LAYERS; l++) {
            g.output("present." + l + ".key", DataType.FLOAT, "batch", KV_HEADS, "total_sequence", HEAD_SIZE);
            g.output("present." + l + ".value", DataType.FLOAT, "batch", KV_HEADS, "total_sequence", HEAD_SIZE);
        }
    }

    /**
     * Additive mask [B, 1, S, T]: 0 where query i (at absolute position P + i, P = T − S) may see
     * key j, {@link #MASKED} where j > P + i or attention_mask[b, j] == 0.
     */
    private static String maskBias(OnnxGraph g) {
        String zero = g.scalar("zero", 0L);
        String one = g.scalar("one", 1L);
        String first = g.scalar("dim1", 1L);
        String s = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", "inputs_embeds"), first);
        String t = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", "attention_mask"), first);
        String past = g.op("Sub", t, s);
        String i = g.op("Add", g.op("Range", zero, s, one), past); // absolute position of each query
        String j = g.op("Range", zero, t, one);
        String future = g.op("Greater", g.op("Unsqueeze", j, g.vector("axis0", 0)),
                g.op("Unsqueeze", i, g.vector("axis1", 1))); // [S, T]
        String padded = g.op("Unsqueeze", g.op("Equal", "attention_mask", zero), g.vector("axes12", 1, 2)); // [B,1,1,T]
        return g.op("Where", g.op("Or", future, padded), g.scalar("masked", MASKED), g.scalar("open", 0f));
    }

    private static String rmsNorm(OnnxGraph g, String x, String gain) {
        String ms = g.op("ReduceMean", attrs(Attr.ints("axes", -1), Attr.i("keepdims", 1)), g.op("Mul", x, x));
        String normed = g.op("Div", x, g.op("Sqrt", g.op("Add", ms, "eps")));
        return g.op("Mul", normed, gain);
    }

    /** [B, S, n·hd] → [B, n, S, hd]. */
    private static String heads(OnnxGraph g, String x, String shape) {
        return g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", x, shape));
    }

    /** [B, KV, T, hd] → [B, H, T, hd], each KV head serving H / KV consecutive query heads (as HF's repeat_kv). */
    private static String repeatKv(OnnxGraph g, String kv) {
        String tiled = g.op("Tile", g.op("Unsqueeze", kv, "axis2"), "gqa_repeats"); // [B, KV, H/KV, T, hd]
        return g.op("Reshape", tiled, "gqa_shape");
    }

    private static String weight(OnnxGraph g, Weights w, String name, int rows, int cols) {
        return g.floats(name, w.normal(rows * cols, 0.02), rows, cols);
    }
}
