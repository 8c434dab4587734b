package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * The Hugging Face {@code SiglipVisionModel} tower of HCX, as graph nodes: patch Conv (with bias) +
 * position embedding, then the encoder layers up to the hidden state {@code use_nth_layer} selects.
 * {@code post_layernorm} is never applied (HCX replaces it by Identity for −1 and takes
 * {@code hidden_states[k]} otherwise), and no CLS token is dropped (SigLIP has none). Stateless.
 */
final class SiglipTower {
    static final String PREFIX = "vision_model.vision_model.";

    private SiglipTower() {
    }

    /** pixel_values [G, 3, S, S] → the selected hidden state [G, N, C]. */
    static String build(GraphOps ops, HcxVisionConfig cfg, LinearWriter linears, String pixels) throws CheckpointException {
        int c = cfg.visionHidden();
        int p = cfg.patchSize();
        String emb = PREFIX + "embeddings.";
        String w = ops.weight(emb + "patch_embedding.weight", c, 3, p, p);
        String b = ops.weight(emb + "patch_embedding.bias", c);
        String patches = ops.g.op("Conv", attrs(Attr.ints("kernel_shape", p, p), Attr.ints("strides", p, p)), pixels, w, b);
        // [G, C, n, n] → [G, C, N] → [G, N, C]: tokens in raster order of the patch grid, as HF flattens them
        String tokens = ops.transpose(ops.reshape(patches, 0, c, cfg.tokens()), 0, 2, 1);
        String h = ops.g.op("Add", tokens, ops.weight(emb + "position_embedding.weight", cfg.tokens(), c));
        for (int i = 0; i < cfg.layersUsed(); i++) {
            h = layer(ops, cfg, linears, h, PREFIX + "encoder.layers." + i + ".");
        }
        return h;
    }

    /** Pre-norm block: h + attn(LN1(h)), then h + fc2(gelu(fc1(LN2(h)))). */
    private static String layer(GraphOps ops, HcxVisionConfig cfg, LinearWriter linears, String h, String prefix)
            throws CheckpointException {
        int c = cfg.visionHidden();
        double eps = cfg.layerNormEps();
        String x = ops.layerNorm(h, prefix + "layer_norm1", c, eps);
        h = ops.g.op("Add", h, attention(ops, cfg, linears, x, prefix + "self_attn."));
        x = ops.layerNorm(h, prefix + "layer_norm2", c, eps);
        String m = ops.linear(linears, prefix + "mlp.fc1", x, cfg.visionIntermediate(), c);
        m = ops.linear(linears, prefix + "mlp.fc2", ops.geluTanh(m), c, cfg.visionIntermediate());
        return ops.g.op("Add", h, m);
    }

    /** Multi-head self-attention over the N tokens, no mask, scores scaled by 1/√head_dim after QKᵀ (as HF). */
    private static String attention(GraphOps ops, HcxVisionConfig cfg, LinearWriter linears, String x, String prefix)
            throws CheckpointException {
        int c = cfg.visionHidden();
        int heads = cfg.visionHeads();
        int dim = cfg.headDim();
        String q = heads(ops, ops.linear(linears, prefix + "q_proj", x, c, c), heads, dim, 0, 2, 1, 3); // [G, H, N, d]
        String k = heads(ops, ops.linear(linears, prefix + "k_proj", x, c, c), heads, dim, 0, 2, 3, 1); // [G, H, d, N]
        String v = heads(ops, ops.linear(linears, prefix + "v_proj", x, c, c), heads, dim, 0, 2, 1, 3);
        String scores = ops.g.op("Mul", ops.g.op("MatMul", q, k), ops.scalar((float) (1 / Math.sqrt(dim))));
        String probs = ops.g.op("Softmax", attrs(Attr.i("axis", -1)), scores);
        String context = ops.reshape(ops.transpose(ops.g.op("MatMul", probs, v), 0, 2, 1, 3), 0, 0, c); // [G, N, C]
        return ops.linear(linears, prefix + "out_proj", context, c, c);
    }

    /** [G, N, C] → [G, N, H, d] → the permutation asked for. */
    private static String heads(GraphOps ops, String x, int heads, int dim, long... perm) {
        return ops.transpose(ops.reshape(x, 0, 0, heads, dim), perm);
    }
}
