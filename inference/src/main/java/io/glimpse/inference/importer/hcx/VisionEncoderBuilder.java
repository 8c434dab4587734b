package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.importer.WeightSource;
import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import java.util.Objects;

/**
 * Writes the {@code vision_encoder} graph of docs/model-format.md from an HCXVisionForCausalLM
 * checkpoint: {@code pixel_values} float32 [G, 3, 378, 378] + {@code num_queries} int64 [G] →
 * {@code image_features} float32 [sum(num_queries), D], tile 0's rows first, each tile's in raster
 * order of its √Q × √Q map. SigLIP ({@link SiglipTower}) then the C-Abstractor ({@link CAbstractor}).
 *
 * <p>Per-tile query count: the tower and s1 run once for all tiles; both poolings (image Q and
 * video-fast Q) and s2 run for every tile; a mask and {@code Compress} then keep each tile's rows
 * of its own Q ({@code num_queries[g] == Q_image} → the image rows, any other value → the fast
 * rows), and only the kept rows go through the readout. Running s2 on both maps is deliberate:
 * on a 9×9 plus a 3×3 map it is well under 1% of the work of the SigLIP tower on 729 tokens,
 * while splitting the batch per Q before s2 would need empty-batch convolutions and a reordering
 * Gather for no measurable gain. Weights are read one tensor at a
 * time from the {@link WeightSource}; with {@link #externalData} the large ones go straight to that file.
 *
 * <p>Not thread-safe: configure, then call {@link #build()} or {@link #buildTower()} once per graph.
 */
public final class VisionEncoderBuilder {
    public static final String PIXEL_VALUES = "pixel_values";
    public static final String NUM_QUERIES = "num_queries";
    public static final String IMAGE_FEATURES = "image_features";
    /** Output of {@link #buildTower()}: the SigLIP hidden state the projector reads, [G, N, C]. */
    public static final String VISION_HIDDEN = "vision_hidden";

    private final HcxVisionConfig config;
    private final WeightSource weights;
    private LinearWriter towerLinears = LinearWriter.FP32;
    private ExternalData external;

    public VisionEncoderBuilder(HcxVisionConfig config, WeightSource weights) {
        this.config = Objects.requireNonNull(config, "config");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /**
     * How the SigLIP Linear weights are stored (default {@link LinearWriter#FP32}; FP16 halves the
     * tower). The projector's convolutions and readout stay float32: they are small.
     */
    public VisionEncoderBuilder towerLinears(LinearWriter writer) {
        this.towerLinears = Objects.requireNonNull(writer, "writer");
        return this;
    }

    /** Writes initializers of at least the file's threshold to it (the graph must then sit beside it). */
    public VisionEncoderBuilder externalData(ExternalData data) {
        this.external = data;
        return this;
    }

    /** The full encoder graph. */
    public OnnxGraph build() throws CheckpointException {
        OnnxGraph g = graph("vision_encoder");
        GraphOps ops = new GraphOps(g, weights);
        String pixels = pixelInput(g);
        String nq = g.input(NUM_QUERIES, DataType.INT64, "tiles");
        String hidden = SiglipTower.build(ops, config, towerLinears, pixels);
        CAbstractor projector = new CAbstractor(ops, config);
        String s1 = projector.stage1(hidden);
        int c = config.visionHidden();
        int qImage = config.queriesImage();
        int qFast = config.queriesVideoFast();
        String selected;
        if (qFast == qImage) {
            selected = ops.reshape(projector.pooledTokens(s1, qImage), -1, c);
        } else {
            String both = g.op("Concat", attrs(Attr.i("axis", 1)),
                    projector.pooledTokens(s1, qImage), projector.pooledTokens(s1, qFast)); // [G, Qi + Qf, C]
            selected = g.op("Compress", attrs(Attr.i("axis", 0)), ops.reshape(both, -1, c),
                    ops.reshape(keepMask(g, nq, qImage, qFast), -1));
        }
        String rows = projector.readout(selected, LinearWriter.FP32);
        g.named(IMAGE_FEATURES, "Identity", rows);
        g.output(IMAGE_FEATURES, DataType.FLOAT, "rows", config.textHidden());
        return g;
    }

    /**
     * A debugging graph: {@code pixel_values} → {@link #VISION_HIDDEN} [G, N, C], the tower's output
     * after the {@code use_nth_layer} rule, where an import that disagrees with a reference can be
     * checked before the projector.
     */
    public OnnxGraph buildTower() throws CheckpointException {
        OnnxGraph g = graph("vision_tower");
        String hidden = SiglipTower.build(new GraphOps(g, weights), config, towerLinears, pixelInput(g));
        g.named(VISION_HIDDEN, "Identity", hidden);
        g.output(VISION_HIDDEN, DataType.FLOAT, "tiles", config.tokens(), config.visionHidden());
        return g;
    }

    private OnnxGraph graph(String name) {
        OnnxGraph g = new OnnxGraph(name).producer("glimpse import");
        if (external != null) {
            g.externalData(external);
        }
        return g;
    }

    private String pixelInput(OnnxGraph g) {
        return g.input(PIXEL_VALUES, DataType.FLOAT, "tiles", 3, config.imageSize(), config.imageSize());
    }

    /** keep[g, j] = (num_queries[g] == Q_image) == (j < Q_image): tile g's image rows or its fast rows. */
    private static String keepMask(OnnxGraph g, String nq, int qImage, int qFast) {
        String q = g.scalar("q_image", (long) qImage);
        String imageTile = g.op("Unsqueeze", g.op("Equal", nq, q), g.vector("axis_1", 1)); // [G, 1]
        String slot = g.op("Range", g.scalar("zero", 0L), g.scalar("slots", (long) (qImage + qFast)), g.scalar("one", 1L));
        return g.op("Equal", imageTile, g.op("Less", slot, q)); // [G, Qi + Qf]
    }
}
