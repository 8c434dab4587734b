package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.importer.WeightSource;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import java.util.HashMap;
import java.util.Map;

/**
 * The few composite ops the SigLIP tower and the C-Abstractor share, on one graph, with weights
 * read one tensor at a time from the source (each becomes an initializer under its checkpoint
 * name, so the graph reads like the checkpoint). Opset 17 has no Gelu or SiLU op, so both are
 * spelled out. Not thread-safe: one instance per graph being built.
 */
final class GraphOps {
    final OnnxGraph g;
    private final WeightSource weights;
    private final Map<Float, String> scalars = new HashMap<>();
    private int shapes;

    GraphOps(OnnxGraph g, WeightSource weights) {
        this.g = g;
        this.weights = weights;
    }

    /** The checkpoint tensor {@code name} of exactly this shape, as a float32 initializer. */
    String weight(String name, long... shape) throws CheckpointException {
        return g.floats(name, weights.floats(name, shape), shape);
    }

    /** A shared float32 scalar constant. */
    String scalar(float value) {
        return scalars.computeIfAbsent(value, v -> g.scalar("const_" + scalars.size(), v));
    }

    /** {@code x · Wᵀ + b} with the weight through {@code writer} and the bias added after (the writers are bias-free). */
    String linear(LinearWriter writer, String name, String x, int out, int in) throws CheckpointException {
        float[] w = weights.floats(name + ".weight", out, in);
        String y = writer.linear(g, name, x, w, out, in);
        return g.op("Add", y, weight(name + ".bias", out));
    }

    /** LayerNormalization over the last axis with {@code prefix.weight} and {@code prefix.bias}. */
    String layerNorm(String x, String prefix, int width, double eps) throws CheckpointException {
        String scale = weight(prefix + ".weight", width);
        String bias = weight(prefix + ".bias", width);
        return g.op("LayerNormalization", attrs(Attr.i("axis", -1), Attr.f("epsilon", (float) eps)), x, scale, bias);
    }

    /** x · sigmoid(x). */
    String silu(String x) {
        return g.op("Mul", x, g.op("Sigmoid", x));
    }

    /** HF {@code gelu_pytorch_tanh}: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    String geluTanh(String x) {
        String cube = g.op("Mul", g.op("Mul", x, x), x);
        String inner = g.op("Mul", g.op("Add", x, g.op("Mul", cube, scalar(0.044715f))),
                scalar((float) Math.sqrt(2 / Math.PI)));
        return g.op("Mul", g.op("Mul", x, scalar(0.5f)), g.op("Add", g.op("Tanh", inner), scalar(1f)));
    }

    /** A 2-D convolution, stride 1 unless given, symmetric padding (k − 1) / 2, optional bias ("" for none). */
    String conv(String x, String w, String bias, int kernel, int groups) {
        int pad = (kernel - 1) / 2;
        Attr[] a = attrs(Attr.ints("kernel_shape", kernel, kernel), Attr.ints("pads", pad, pad, pad, pad),
                Attr.i("group", groups));
        return bias.isEmpty() ? g.op("Conv", a, x, w) : g.op("Conv", a, x, w, bias);
    }

    String transpose(String x, long... perm) {
        return g.op("Transpose", attrs(Attr.ints("perm", perm)), x);
    }

    /** Reshape to a constant shape (0 copies that input dimension, −1 is inferred). */
    String reshape(String x, long... shape) {
        return g.op("Reshape", x, g.vector("shape_" + shapes++, shape));
    }
}
