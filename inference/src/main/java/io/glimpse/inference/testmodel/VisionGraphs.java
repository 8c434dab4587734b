package io.glimpse.inference.testmodel;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;
import static io.glimpse.inference.testmodel.TinyHcx.GRID;
import static io.glimpse.inference.testmodel.TinyHcx.HIDDEN;
import static io.glimpse.inference.testmodel.TinyHcx.QUERIES_FAST;
import static io.glimpse.inference.testmodel.TinyHcx.QUERIES_IMAGE;
import static io.glimpse.inference.testmodel.TinyHcx.VOCAB;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * The {@code vision_encoder} and {@code embed_tokens} graphs of the test models (contract in
 * docs/model-format.md): {@code pixel_values} [G, 3, 378, 378] + {@code num_queries} [G] →
 * {@code image_features} [sum(num_queries), D]; {@code input_ids} [B, S] → {@code inputs_embeds} [B, S, D].
 * Stateless; every method builds a new graph.
 */
final class VisionGraphs {
    private static final int SLOTS = QUERIES_IMAGE + QUERIES_FAST; // 90 candidate rows per tile

    private VisionGraphs() {}

    /**
     * Random encoder: each tile is average-pooled to a 9×9 map (81 "slow" rows) and a 3×3 map
     * (9 "fast" rows), each pixel's RGB projected to D and squashed by tanh. A tile with
     * {@code num_queries} 81 keeps its 81 rows, any other value its 9 rows, picked with
     * {@code Compress} so the output has exactly sum(num_queries) rows for Q ∈ {81, 9}.
     */
    static OnnxGraph randomEncoder(Weights w) {
        OnnxGraph g = new OnnxGraph("vision_encoder");
        String px = g.input("pixel_values", DataType.FLOAT, "tiles", 3, GRID, GRID);
        String nq = g.input("num_queries", DataType.INT64, "tiles");
        String w9 = g.floats("proj_slow", w.normal(3 * HIDDEN, 0.5), 3, HIDDEN);
        String w3 = g.floats("proj_fast", w.normal(3 * HIDDEN, 0.5), 3, HIDDEN);

        String slow = pooledRows(g, px, GRID / 9, QUERIES_IMAGE, w9); // [G, 81, D]
        String fast = pooledRows(g, px, GRID / 3, QUERIES_FAST, w3);  // [G, 9, D]
        String both = g.op("Concat", attrs(Attr.i("axis", 1)), slow, fast); // [G, 90, D]

        // keep[g, j] = (num_queries[g] == 81) == (j < 81): the slow rows or the fast rows of each tile
        String isSlowTile = g.op("Unsqueeze", g.op("Equal", nq, g.scalar("q_slow", (long) QUERIES_IMAGE)),
                g.vector("axis1", 1));
        String slot = g.op("Range", g.scalar("zero", 0L), g.scalar("slots", (long) SLOTS), g.scalar("one", 1L));
        String isSlowSlot = g.op("Less", slot, "q_slow");
        String keep = g.op("Equal", isSlowTile, isSlowSlot); // [G, 90]
        String rows = g.op("Reshape", both, g.vector("rows_shape", -1, HIDDEN));
        String flatKeep = g.op("Reshape", keep, g.vector("flat", -1));
        g.named("image_features", "Compress", attrs(Attr.i("axis", 0)), rows, flatKeep);
        g.output("image_features", DataType.FLOAT, "rows", HIDDEN);
        return g;
    }

    /**
     * Fixed-Q random encoder of the {@code generic} family: no {@code num_queries} input; every
     * tile is pooled to 9×9 and projected, {@code image_features} [G, 81, D].
     */
    static OnnxGraph fixedEncoder(Weights w) {
        OnnxGraph g = new OnnxGraph("vision_encoder_fixed");
        String px = g.input("pixel_values", DataType.FLOAT, "tiles", 3, GRID, GRID);
        String w9 = g.floats("proj", w.normal(3 * HIDDEN, 0.5), 3, HIDDEN);
        g.named("image_features", "Identity", pooledRows(g, px, GRID / 9, QUERIES_IMAGE, w9));
        g.output("image_features", DataType.FLOAT, "tiles", QUERIES_IMAGE, HIDDEN);
        return g;
    }

    /** AveragePool with a square kernel = stride, then [G, 3, n] → [G, n, 3] → MatMul → tanh. */
    private static String pooledRows(OnnxGraph g, String px, int kernel, int n, String proj) {
        String pooled = g.op("AveragePool",
                attrs(Attr.ints("kernel_shape", kernel, kernel), Attr.ints("strides", kernel, kernel)), px);
        String flat = g.op("Reshape", pooled, g.vector("pool_shape_" + n, 0, 3, n));
        String perPixel = g.op("Transpose", attrs(Attr.ints("perm", 0, 2, 1)), flat);
        return g.op("Tanh", g.op("MatMul", perPixel, proj));
    }

    /**
     * Probe encoder: the row of query q of tile g (index within this call) is
     * [g, q, mean(pixel_values[g]), num_queries[g], 0, …]. Works for any positive num_queries.
     */
    static OnnxGraph probeEncoder() {
        OnnxGraph g = new OnnxGraph("vision_encoder_probe");
        String px = g.input("pixel_values", DataType.FLOAT, "tiles", 3, GRID, GRID);
        String nq = g.input("num_queries", DataType.INT64, "tiles");
        String zero = g.scalar("zero", 0L);
        String one = g.scalar("one", 1L);

        String tiles = g.op("Gather", attrs(Attr.i("axis", 0)), g.op("Shape", px), zero); // scalar G
        String maxQ = g.op("ReduceMax", attrs(Attr.i("keepdims", 0)), nq); // scalar M
        String q = g.op("Range", zero, maxQ, one); // [M]
        String tileIdx = g.op("Range", zero, tiles, one); // [G]
        String column = g.vector("column", -1, 1, 1);
        String rowOfQ = g.vector("row_of_q", 1, -1, 1);
        String shape = g.op("Concat", attrs(Attr.i("axis", 0)),
                g.op("Unsqueeze", tiles, g.vector("axis0", 0)), g.op("Unsqueeze", maxQ, "axis0"),
                g.vector("width1", 1)); // [G, M, 1]

        String gCol = g.op("Expand", g.op("Reshape", g.op("Cast", attrs(Attr.i("to", 1)), tileIdx), column), shape);
        String qCol = g.op("Expand", g.op("Reshape", g.op("Cast", attrs(Attr.i("to", 1)), q), rowOfQ), shape);
        String mean = g.op("ReduceMean", attrs(Attr.ints("axes", 1, 2, 3), Attr.i("keepdims", 1)), px);
        String meanCol = g.op("Expand", g.op("Reshape", mean, column), shape);
        String nqCol = g.op("Expand", g.op("Reshape", g.op("Cast", attrs(Attr.i("to", 1)), nq), column), shape);
        String four = g.op("Concat", attrs(Attr.i("axis", 2)), gCol, qCol, meanCol, nqCol); // [G, M, 4]
        String padded = g.op("Pad", four, g.vector("pads", 0, 0, 0, 0, 0, HIDDEN - 4)); // [G, M, D]

        // keep[g, q] = q < num_queries[g]
        String keep = g.op("Less", g.op("Unsqueeze", q, "axis0"), g.op("Unsqueeze", nq, g.vector("axis1", 1)));
        String rows = g.op("Reshape", padded, g.vector("rows_shape", -1, HIDDEN));
        String flatKeep = g.op("Reshape", keep, g.vector("flat", -1));
        g.named("image_features", "Compress", attrs(Attr.i("axis", 0)), rows, flatKeep);
        g.output("image_features", DataType.FLOAT, "rows", HIDDEN);
        return g;
    }

    /** Random embedding table [V, D], N(0, 0.02²), looked up with Gather. */
    static OnnxGraph randomEmbed(Weights w) {
        return embed("embed_tokens", w.normal(VOCAB * HIDDEN, 0.02));
    }

    /** Probe table: row t = [-(t + 1), 0, …], so a received row names its token id. */
    static OnnxGraph probeEmbed() {
        float[] table = new float[VOCAB * HIDDEN];
        for (int t = 0; t < VOCAB; t++) {
            table[t * HIDDEN] = -(t + 1);
        }
        return embed("embed_tokens_probe", table);
    }

    private static OnnxGraph embed(String name, float[] table) {
        OnnxGraph g = new OnnxGraph(name);
        String ids = g.input("input_ids", DataType.INT64, "batch", "sequence");
        String t = g.floats("embed_table", table, VOCAB, HIDDEN);
        g.named("inputs_embeds", "Gather", attrs(Attr.i("axis", 0)), t, ids);
        g.output("inputs_embeds", DataType.FLOAT, "batch", "sequence", HIDDEN);
        return g;
    }
}
