package io.glimpse.inference.importer;

import io.glimpse.inference.onnx.OnnxGraph;

/**
 * Writes one bias-free Linear layer {@code y = x · Wᵀ} into a graph, in some storage precision.
 * The weight comes in the checkpoint's {@code [out, in]} row-major layout; the caller may drop it
 * once this returns (large initializers go to the graph's external data file at once).
 * Implementations are stateless and thread-safe.
 */
public interface LinearWriter {
    /**
     * @param name   a unique prefix for the initializers, e.g. {@code layers.0.attn.q_proj}
     * @param input  the graph value of shape [..., in]
     * @param weight [out, in] row-major
     * @return the graph value of shape [..., out]
     */
    String linear(OnnxGraph g, String name, String input, float[] weight, int out, int in);

    /** float32: one MatMul against the transposed [in, out] initializer. */
    LinearWriter FP32 = (g, name, input, weight, out, in) ->
            g.op("MatMul", input, g.floats(name + ".weight", Linears.transpose(weight, out, in), in, out));

    /** float16 storage: the [in, out] initializer as halves, cast to float32 before the MatMul. */
    LinearWriter FP16 = (g, name, input, weight, out, in) -> g.op("MatMul", input,
            g.op("Cast", OnnxGraph.attrs(OnnxGraph.Attr.i("to", 1)),
                    g.halves(name + ".weight", Linears.toHalves(Linears.transpose(weight, out, in)), in, out)));
}
