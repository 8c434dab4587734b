package io.glimpse.inference.importer;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * Rotary embeddings in plain ONNX ops, angles computed in the graph from {@code position_ids × inv_freq}
 * (float32, as transformers' matmul over a 1-wide inner dimension), so no table of every position is
 * stored. Applies transformers' {@code x · cos + rotate_half(x) · sin}, rotate_half(x) = [−x₂, x₁].
 * Not thread-safe.
 */
final class RopeGraph {
    private final OnnxGraph g;
    private final String cos;
    private final String sin;

    /**
     * @param headAxis where the heads axis sits in the tensors it rotates: 1 for [1, n, S, hd], 2 for [1, S, n, hd]
     */
    RopeGraph(OnnxGraph g, DecoderGeometry geo, int headAxis) {
        this.g = g;
        int half = geo.headDim() / 2;
        g.vector("rope_half_start", 0);
        g.vector("rope_half_mid", half);
        g.vector("rope_half_end", geo.headDim());
        g.vector("rope_last_axis", -1);
        String positions = g.op("Cast", attrs(Attr.i("to", DataType.FLOAT.getNumber())), "position_ids");
        String freqs = g.op("Mul", g.op("Unsqueeze", positions, g.vector("rope_axis2", 2)),
                g.floats("rope_inv_freq", geo.rope().inverseFrequencies(geo.headDim()), half)); // [1, S, hd/2]
        String emb = g.op("Concat", attrs(Attr.i("axis", -1)), freqs, freqs); // [1, S, hd]
        String axis = g.vector("rope_head_axis", headAxis);
        this.cos = g.op("Unsqueeze", g.op("Cos", emb), axis);
        this.sin = g.op("Unsqueeze", g.op("Sin", emb), axis);
    }

    String apply(String x) {
        String first = g.op("Slice", x, "rope_half_start", "rope_half_mid", "rope_last_axis");
        String second = g.op("Slice", x, "rope_half_mid", "rope_half_end", "rope_last_axis");
        String rotated = g.op("Concat", attrs(Attr.i("axis", -1)), g.op("Neg", second), first);
        return g.op("Add", g.op("Mul", x, cos), g.op("Mul", rotated, sin));
    }
}
