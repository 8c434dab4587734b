package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.WeightSource;
import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.onnx.OnnxGraph.Attr;

/**
 * Writes the {@code embed_tokens} graph of docs/model-format.md: {@code input_ids} int64 [1, S] →
 * {@code inputs_embeds} float32 [1, S, D], a {@code Gather} on the language model's embedding table
 * ({@value #TABLE}, [V, D], stored float32). Stateless and thread-safe.
 */
public final class EmbedTokensBuilder {
    public static final String TABLE = "language_model.model.embed_tokens.weight";
    public static final String INPUT_IDS = "input_ids";
    public static final String INPUTS_EMBEDS = "inputs_embeds";

    private EmbedTokensBuilder() {
    }

    /**
     * @param external where the table goes (it is large), or null to keep it in the protobuf
     * @throws CheckpointException when the table is missing or not [vocab_size, hidden_size]
     */
    public static OnnxGraph build(HcxVisionConfig config, WeightSource weights, ExternalData external)
            throws CheckpointException {
        int v = config.vocabSize();
        int d = config.textHidden();
        OnnxGraph g = new OnnxGraph("embed_tokens").producer("glimpse import");
        if (external != null) {
            g.externalData(external);
        }
        String ids = g.input(INPUT_IDS, DataType.INT64, "batch", "sequence");
        String table = g.floats(TABLE, weights.floats(TABLE, v, d), v, d);
        g.named(INPUTS_EMBEDS, "Gather", attrs(Attr.i("axis", 0)), table, ids);
        g.output(INPUTS_EMBEDS, DataType.FLOAT, "batch", "sequence", d);
        return g;
    }
}
