package io.glimpse.inference.importer.hcx;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.CheckpointException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the HCX vision graphs ({@code vision_encoder}, {@code embed_tokens}, {@code image_newline})
 * need from an HCXVisionForCausalLM {@code config.json} (hcx-spec.md §1.2, §4.2, §4.3). Read with
 * {@link #from(JsonNode, Path)}; keys the file lacks take the spec's HCX defaults, and each such
 * fallback is one line of {@link #assumptions()} for the importer to show. Immutable and thread-safe.
 *
 * @param visionHidden       C: SigLIP width, also the C-Abstractor width
 * @param useNthLayer        −1: the last layer's output; k ≥ 0: {@code hidden_states[k]}; k &lt; −1:
 *                           {@code hidden_states[L + 1 + k]} (index 0 = embeddings); never post_layernorm
 * @param queriesImage       Q of image tiles (and video slow grids, which must be the same)
 * @param queriesVideoFast   Q of video fast grids
 * @param textHidden         D: the language model's width, the encoder's output width
 * @param vocabSize          rows of {@code language_model.model.embed_tokens.weight}
 */
public record HcxVisionConfig(
        int visionHidden,
        int visionIntermediate,
        int visionLayers,
        int visionHeads,
        int imageSize,
        int patchSize,
        double layerNormEps,
        int useNthLayer,
        boolean projPosEmb,
        boolean projPrenorm,
        int queriesImage,
        int queriesVideoSlow,
        int queriesVideoFast,
        int textHidden,
        String textModelType,
        int vocabSize,
        boolean anyres,
        boolean unpad,
        List<String> assumptions) {

    /** The only projector the encoder builder implements. */
    public static final String CABSTRACTOR = "cabstractor";
    /** The only text model type the decoder importer implements. */
    public static final String LLAMA = "llama";
    /** The only SigLIP activation implemented (HF's tanh approximation of GELU). */
    public static final String GELU_TANH = "gelu_pytorch_tanh";

    public HcxVisionConfig {
        assumptions = List.copyOf(assumptions);
    }

    /**
     * Reads and checks {@code config} (the parsed {@code configFile}).
     *
     * @throws CheckpointException naming the key and the file when a required key is missing or
     *                             malformed, or a value (projector, activation, text model) is not supported
     */
    public static HcxVisionConfig from(JsonNode config, Path configFile) throws CheckpointException {
        return new HcxConfigReader(config, configFile).read();
    }

    /** Side of the patch grid: 378 / 14 = 27. */
    public int gridSide() {
        return imageSize / patchSize;
    }

    /** Patch tokens per tile: 27² = 729. */
    public int tokens() {
        return gridSide() * gridSide();
    }

    public int headDim() {
        return visionHidden / visionHeads;
    }

    /**
     * How many SigLIP encoder layers run: {@code hidden_states[k]} is the output of k layers, and
     * −1 (the last layer) is the same as k = L (vLLM builds {@code L + use_nth_layer + 1} layers).
     */
    public int layersUsed() {
        return useNthLayer >= 0 ? useNthLayer : visionLayers + 1 + useNthLayer;
    }
}
