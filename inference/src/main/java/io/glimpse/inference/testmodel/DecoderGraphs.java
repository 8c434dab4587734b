package io.glimpse.inference.testmodel;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;
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
 * The {@code decoder_model_merged} graph of the {@code hcx-vision-probe} test model, with the I/O of
 * the decoder contract: {@code inputs_embeds} [B, S, D], {@code attention_mask} [B, P+S],
 * {@code position_ids} [B, S], {@code past_key_values.N.key/value} [B, kv_heads, P, head_size] →
 * {@code logits} [B, S, V], {@code present.N.key/value} [B, kv_heads, P+S, head_size]. It is a
 * deterministic echo graph, not a model: it has no weights and computes nothing a language model
 * would, so it is not written by the importer's {@code DecoderBuilder} (the random-weight families'
 * decoder is, see {@link TinyLlama}). Stateless; every call builds a new graph.
 */
final class DecoderGraphs {
    private DecoderGraphs() {}

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
}
