package io.glimpse.inference.importer;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * The decoder in ONNX Runtime contrib ops, as onnxruntime-genai's model builder writes it for CPU:
 * {@code SimplifiedLayerNormalization} for the first norm, {@code com.microsoft.SkipSimplifiedLayerNormalization}
 * for every residual add + norm after it, one packed QKV Linear (the q, k, v rows concatenated) feeding
 * {@code com.microsoft.GroupQueryAttention} with the rotary embedding inside ({@code do_rotary=1},
 * rotate-half layout, cos/sin tables of {@code max_position_embeddings} rows).
 *
 * <p>GroupQueryAttention's inputs (ONNX Runtime 1.29, docs/ContribOperators.md): query (the packed QKV
 * [1, S, (H + 2·KV)·hd]), key and value (empty when packed), past_key, past_value [1, KV, P, hd]
 * (separate, not a shared buffer, so present_key/value come back [1, KV, P+S, hd]), seqlens_k
 * int32 [1] = sum(attention_mask) − 1, total_sequence_length int32 scalar = attention_mask's width,
 * cos_cache, sin_cache [max_positions, hd/2]. Rotary positions come from seqlens_k: for Glimpse's
 * unpadded batch of one they equal position_ids, which this graph then declares but does not read.
 *
 * <p>ONNX Runtime's fused rotary needs a head size that is a multiple of 16 ("head_size shall be a
 * multiple of 16"); for other head sizes (the tiny test models: 8, 12) the packed QKV is split, q and k
 * are rotated in plain ops from position_ids ({@link RopeGraph}) and GroupQueryAttention runs with
 * {@code do_rotary=0} on separate query, key and value. GroupQueryAttention itself needs a multiple of 8;
 * below that (head size 12) the attention is written in plain ops ({@link StandardMath}) and only the
 * norms are fused. {@link #limitation} says which applies. Not thread-safe.
 */
final class FusedMath implements DecoderMath {
    private final OnnxGraph g;
    private final DecoderGeometry geo;
    private final String seqlensK;
    private final String totalLength;
    /** Null when the rotary runs inside GroupQueryAttention. */
    private final RopeGraph outsideRope;
    /** Non-null when GroupQueryAttention cannot run this head size at all. */
    private final StandardMath plainAttention;

    /**
     * @param hidden the [1, S, D] input of layer 0
     * @param cancel checked while the rotary tables are computed
     */
    FusedMath(OnnxGraph g, DecoderGeometry geo, String hidden, io.glimpse.media.CancelToken cancel) {
        this.g = g;
        this.geo = geo;
        g.opset(OnnxGraph.MS_DOMAIN, 1);
        this.plainAttention = geo.headDim() % 8 == 0 ? null : new StandardMath(g, geo, hidden);
        if (plainAttention != null) {
            seqlensK = null;
            totalLength = null;
            outsideRope = null;
            return;
        }
        // GroupQueryAttention's lengths, as onnxruntime-genai writes them: int32 sum(mask) - 1 and the mask's width
        Attr toInt32 = Attr.i("to", DataType.INT32.getNumber());
        String sum = g.op("ReduceSum", attrs(Attr.i("keepdims", 0)), "attention_mask", g.vector("gqa_axis1", 1));
        seqlensK = g.op("Cast", attrs(toInt32), g.op("Sub", sum, g.scalar("gqa_one", 1L)));
        String width = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", "attention_mask"), g.scalar("gqa_dim1", 1L));
        totalLength = g.op("Cast", attrs(toInt32), width);
        if (rotaryInside(geo)) {
            float[][] tables = geo.rope().cosSinTables(geo.headDim(), geo.maxPositions(), cancel);
            int half = geo.headDim() / 2;
            g.floats("cos_cache", tables[0], geo.maxPositions(), half);
            g.floats("sin_cache", tables[1], geo.maxPositions(), half);
            outsideRope = null;
        } else {
            outsideRope = new RopeGraph(g, geo, 2);
            int kv = geo.kvHeads() * geo.headDim();
            g.vector("qkv_split", (long) geo.heads() * geo.headDim(), kv, kv);
            g.vector("q_rope_shape", 0, 0, geo.heads(), geo.headDim());
            g.vector("kv_rope_shape", 0, 0, geo.kvHeads(), geo.headDim());
            g.vector("rope_merge_shape", 0, 0, -1);
        }
    }

    /** Why the fused graph of this geometry is only partly fused, or null when it is not. */
    static String limitation(DecoderGeometry geo) {
        if (geo.headDim() % 8 != 0) {
            return "head_dim " + geo.headDim() + " is not a multiple of 8, which GroupQueryAttention needs: "
                    + "attention written in plain ONNX ops, norms fused";
        }
        if (!rotaryInside(geo)) {
            return "head_dim " + geo.headDim() + " is not a multiple of 16, which GroupQueryAttention's rotary needs: "
                    + "RoPE applied in plain ops before GroupQueryAttention";
        }
        return null;
    }

    /** Whether ONNX Runtime's GroupQueryAttention can apply this model's rotary itself. */
    static boolean rotaryInside(DecoderGeometry geo) {
        return geo.headDim() % 16 == 0;
    }

    @Override
    public String norm(String name, String x, float[] gain) {
        return g.op("SimplifiedLayerNormalization", normAttrs(), x, g.floats(name + ".weight", gain, gain.length));
    }

    @Override
    public String[] addAndNorm(String name, String residual, String delta, float[] gain) {
        String[] out = g.node(OnnxGraph.MS_DOMAIN, "SkipSimplifiedLayerNormalization",
                attrs(Attr.f("epsilon", (float) geo.normEps())), new String[] {null, "", "", null},
                delta, residual, g.floats(name + ".weight", gain, gain.length));
        return new String[] {out[0], out[3]};
    }

    /** [1, S, n·hd] → rotated, same shape. */
    private String rotated(String x, String headsShape) {
        return g.op("Reshape", outsideRope.apply(g.op("Reshape", x, headsShape)), "rope_merge_shape");
    }

    private Attr[] normAttrs() {
        return attrs(Attr.i("axis", -1), Attr.f("epsilon", (float) geo.normEps()), Attr.i("stash_type", 1));
    }

    @Override
    public String attention(int layer, String h, float[][] qkvo, LinearWriter linear) {
        if (plainAttention != null) {
            return plainAttention.attention(layer, h, qkvo, linear);
        }
        int q = geo.heads() * geo.headDim();
        int kv = geo.kvHeads() * geo.headDim();
        float[] packed = new float[(q + 2 * kv) * geo.hidden()];
        System.arraycopy(qkvo[0], 0, packed, 0, qkvo[0].length);
        System.arraycopy(qkvo[1], 0, packed, qkvo[0].length, qkvo[1].length);
        System.arraycopy(qkvo[2], 0, packed, qkvo[0].length + qkvo[1].length, qkvo[2].length);
        String p = "layers." + layer + ".attn.";
        String qkv = linear.linear(g, p + "qkv_proj", h, packed, q + 2 * kv, geo.hidden());
        Attr[] common = {Attr.i("num_heads", geo.heads()), Attr.i("kv_num_heads", geo.kvHeads()),
                Attr.f("scale", (float) Math.pow(geo.headDim(), -0.5)), Attr.i("local_window_size", -1)};
        String[] present = {null, "present." + layer + ".key", "present." + layer + ".value"};
        String pastKey = "past_key_values." + layer + ".key";
        String pastValue = "past_key_values." + layer + ".value";
        String[] out;
        if (outsideRope == null) {
            out = g.node(OnnxGraph.MS_DOMAIN, "GroupQueryAttention",
                    attrs(common[0], common[1], common[2], common[3], Attr.i("do_rotary", 1), Attr.i("rotary_interleaved", 0)),
                    present, qkv, "", "", pastKey, pastValue, seqlensK, totalLength, "cos_cache", "sin_cache");
        } else {
            String[] parts = g.node("", "Split", attrs(Attr.i("axis", -1)), new String[] {null, null, null}, qkv, "qkv_split");
            String query = rotated(parts[0], "q_rope_shape");
            String key = rotated(parts[1], "kv_rope_shape");
            out = g.node(OnnxGraph.MS_DOMAIN, "GroupQueryAttention", common, present,
                    query, key, parts[2], pastKey, pastValue, seqlensK, totalLength);
        }
        return linear.linear(g, p + "o_proj", out[0], qkvo[3], geo.hidden(), q);
    }
}
