package io.glimpse.inference.importer;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * The decoder in plain ONNX opset 17, line by line as transformers' eager Llama: RMSNorm as
 * {@code x / sqrt(mean(x²) + eps) · w}; RoPE by {@link RopeGraph}; {@code q·kᵀ · hd^-0.5} plus an additive mask (future keys
 * and masked positions at float32's lowest value, as transformers' {@code min_dtype}); softmax;
 * the KV heads repeated as {@code repeat_kv}. Not thread-safe.
 */
final class StandardMath implements DecoderMath {
    /** transformers' masking value, {@code torch.finfo(float32).min}: a fully masked row stays finite. */
    private static final float MASKED = -Float.MAX_VALUE;

    private final OnnxGraph g;
    private final DecoderGeometry geo;
    private final RopeGraph rope;
    private final String maskBias;

    /** Writes the shared constants (shapes, RoPE angles, mask); {@code hidden} is the [1, S, D] input of layer 0. */
    StandardMath(OnnxGraph g, DecoderGeometry geo, String hidden) {
        this.g = g;
        this.geo = geo;
        g.scalar("rms_eps", (float) geo.normEps());
        g.vector("q_heads_shape", 0, 0, geo.heads(), geo.headDim());
        g.vector("kv_heads_shape", 0, 0, geo.kvHeads(), geo.headDim());
        g.vector("merge_shape", 0, 0, (long) geo.heads() * geo.headDim());
        g.vector("repeat_kv_shape", 0, geo.heads(), -1, geo.headDim());
        g.vector("repeat_kv_tiles", 1, 1, geo.heads() / geo.kvHeads(), 1, 1);
        g.vector("axis_2", 2);
        g.vector("axis_1", 1);
        g.scalar("attn_scale", (float) Math.pow(geo.headDim(), -0.5));
        this.rope = new RopeGraph(g, geo, 1);
        this.maskBias = maskBias(hidden);
    }

    @Override
    public String norm(String name, String x, float[] gain) {
        String ms = g.op("ReduceMean", attrs(Attr.ints("axes", -1), Attr.i("keepdims", 1)), g.op("Mul", x, x));
        String normed = g.op("Mul", x, g.op("Reciprocal", g.op("Sqrt", g.op("Add", ms, "rms_eps"))));
        return g.op("Mul", normed, g.floats(name + ".weight", gain, gain.length));
    }

    @Override
    public String[] addAndNorm(String name, String residual, String delta, float[] gain) {
        String sum = g.op("Add", residual, delta);
        return new String[] {norm(name, sum, gain), sum};
    }

    @Override
    public String attention(int layer, String h, float[][] qkvo, LinearWriter linear) {
        int q = geo.heads() * geo.headDim();
        int kv = geo.kvHeads() * geo.headDim();
        String p = "layers." + layer + ".attn.";
        String query = rope.apply(heads(linear.linear(g, p + "q_proj", h, qkvo[0], q, geo.hidden()), "q_heads_shape"));
        String key = rope.apply(heads(linear.linear(g, p + "k_proj", h, qkvo[1], kv, geo.hidden()), "kv_heads_shape"));
        String value = heads(linear.linear(g, p + "v_proj", h, qkvo[2], kv, geo.hidden()), "kv_heads_shape");
        String keys = g.named("present." + layer + ".key", "Concat", attrs(Attr.i("axis", 2)),
                "past_key_values." + layer + ".key", key);
        String values = g.named("present." + layer + ".value", "Concat", attrs(Attr.i("axis", 2)),
                "past_key_values." + layer + ".value", value);
        String kt = g.op("Transpose", attrs(Attr.ints("perm", 0, 1, 3, 2)), repeatKv(keys));
        String scores = g.op("Add", g.op("Mul", g.op("MatMul", query, kt), "attn_scale"), maskBias);
        String probs = g.op("Softmax", attrs(Attr.i("axis", -1)), scores);
        String ctx = g.op("MatMul", probs, repeatKv(values)); // [1, H, S, hd]
        String merged = g.op("Reshape", g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), ctx), "merge_shape");
        return linear.linear(g, p + "o_proj", merged, qkvo[3], geo.hidden(), q);
    }

    /** [1, S, n·hd] → [1, n, S, hd]. */
    private String heads(String x, String shape) {
        return g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", x, shape));
    }

    /** [1, KV, T, hd] → [1, H, T, hd], each KV head serving H / KV consecutive query heads (repeat_kv). */
    private String repeatKv(String kv) {
        if (geo.heads() == geo.kvHeads()) {
            return kv;
        }
        return g.op("Reshape", g.op("Tile", g.op("Unsqueeze", kv, "axis_2"), "repeat_kv_tiles"), "repeat_kv_shape");
    }

    /**
     * Additive mask [1, 1, S, T]: 0 where query i (absolute position P + i, P = T − S) may see key j,
     * {@link #MASKED} where j > P + i or attention_mask[0, j] == 0.
     */
    private String maskBias(String hidden) {
        String zero = g.scalar("mask_zero", 0L);
        String one = g.scalar("mask_one", 1L);
        String dim1 = g.scalar("mask_dim1", 1L);
        String s = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", hidden), dim1);
        String t = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", "attention_mask"), dim1);
        String queries = g.op("Add", g.op("Range", zero, s, one), g.op("Sub", t, s));
        String keys = g.op("Range", zero, t, one);
        String future = g.op("Greater", g.op("Unsqueeze", keys, g.vector("mask_axis0", 0)),
                g.op("Unsqueeze", queries, "axis_1")); // [S, T]
        String padded = g.op("Unsqueeze", g.op("Equal", "attention_mask", zero), g.vector("mask_axes12", 1, 2)); // [1,1,1,T]
        return g.op("Where", g.op("Or", future, padded), g.scalar("mask_value", MASKED), g.scalar("mask_open", 0f));
    }
}
