package io.glimpse.inference.importer.hcx;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.CheckpointException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link HcxVisionConfig} from one config.json. Dimensions have no fallback (spec §1.1: refuse to
 * load); flags and query counts fall back to the spec §1.2 defaults, each noted. Not thread-safe: one
 * instance per read, which collects the assumption lines.
 */
final class HcxConfigReader {
    private final JsonNode root;
    private final Path file;
    private final List<String> assumptions = new ArrayList<>();

    HcxConfigReader(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    HcxVisionConfig read() throws CheckpointException {
        String projector = text(root, "", "mm_projector_type", HcxVisionConfig.CABSTRACTOR,
                "the 3B's projector is a C-Abstractor (model card)");
        if (!projector.equals(HcxVisionConfig.CABSTRACTOR)) {
            throw error("mm_projector_type '" + projector + "' is not supported (only '" + HcxVisionConfig.CABSTRACTOR
                    + "' is implemented)");
        }
        JsonNode vision = object(root, "vision_config");
        String visionType = text(vision, "vision_config.", "model_type", "siglip_vision_model", "the 3B's tower is SigLIP (model card)");
        if (!visionType.contains("siglip")) {
            throw error("vision_config.model_type '" + visionType + "' is not supported (only SigLIP towers are implemented)");
        }
        int hidden = dimension(vision, "vision_config.", "hidden_size");
        int intermediate = dimension(vision, "vision_config.", "intermediate_size");
        int layers = dimension(vision, "vision_config.", "num_hidden_layers");
        int heads = dimension(vision, "vision_config.", "num_attention_heads");
        if (hidden % heads != 0) {
            throw error("vision_config.hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
        }
        int imageSize = integer(vision, "vision_config.", "image_size", 378, "spec §4.2: 378x378 grids");
        int patch = integer(vision, "vision_config.", "patch_size", 14, "spec §4.2: patch 14");
        if (patch <= 0 || imageSize % patch != 0) {
            throw error("vision_config.image_size " + imageSize + " is not a multiple of patch_size " + patch);
        }
        double eps = number(vision, "vision_config.", "layer_norm_eps");
        String act = required(vision, "vision_config.", "hidden_act").asText();
        if (!act.equals(HcxVisionConfig.GELU_TANH)) {
            throw error("vision_config.hidden_act '" + act + "' is not supported (only '" + HcxVisionConfig.GELU_TANH
                    + "' is implemented)");
        }
        int nth = integer(root, "", "use_nth_layer", -2,
                "HCXVisionConfig class default; vLLM's own fallback is -1; the shipped value is UNCONFIRMED (spec §4.2)");
        int used = nth >= 0 ? nth : layers + 1 + nth;
        if (used < 0 || used > layers) {
            throw error("use_nth_layer " + nth + " selects no hidden state of a " + layers + "-layer tower");
        }
        boolean posEmb = flag(root, "proj_pos_emb", true, "spec §1.2");
        boolean prenorm = flag(root, "proj_prenorm", false, "spec §1.2");
        int side = imageSize / patch;
        int qImage = queries(firstPresent("num_queries_vis_abstractor_image", "num_queries_vis_abstractor"), 81, side);
        int qSlow = queries("num_queries_vis_abstractor_video_slow", 81, side);
        int qFast = queries("num_queries_vis_abstractor_video_fast", 9, side);
        if (qSlow != qImage) {
            throw error("num_queries_vis_abstractor_video_slow " + qSlow + " differs from the image count " + qImage
                    + " (the encoder implements two query counts: image/slow and fast)");
        }
        String textKey = root.has("text_config") ? "text_config" : root.has("language_config") ? "language_config" : "text_config";
        JsonNode text = object(root, textKey);
        String prefix = textKey + ".";
        if (!text.hasNonNull("model_type")) {
            throw error("has no " + prefix + "model_type (the language model's architecture)");
        }
        String textType = text.get("model_type").asText();
        if (!textType.equals(HcxVisionConfig.LLAMA)) {
            throw error(prefix + "model_type '" + textType + "' is not supported (only '" + HcxVisionConfig.LLAMA
                    + "' language models are imported)");
        }
        int textHidden = text.has("hidden_size") || !root.has("hidden_size")
                ? dimension(text, prefix, "hidden_size") : dimension(root, "", "hidden_size");
        int vocab = dimension(text, prefix, "vocab_size");
        boolean anyres = flag(root, "anyres", true, "preprocessor_config.json of the 3B (spec §1.2)");
        boolean unpad = flag(root, "unpad", false, "class default; the shipped value is UNCONFIRMED (spec §2.1)");
        return new HcxVisionConfig(hidden, intermediate, layers, heads, imageSize, patch, eps, nth, posEmb, prenorm,
                qImage, qSlow, qFast, textHidden, textType, vocab, anyres, unpad, assumptions);
    }

    private String firstPresent(String key, String oldKey) {
        return !root.has(key) && root.has(oldKey) ? oldKey : key;
    }

    /** A query count Q: a square whose root divides the grid, so AdaptiveAvgPool is a plain strided mean. */
    private int queries(String key, int fallback, int side) throws CheckpointException {
        int q = integer(root, "", key, fallback, "spec §1.2");
        int root2 = (int) Math.round(Math.sqrt(q));
        if (q <= 0 || root2 * root2 != q || side % root2 != 0) {
            throw error(key + " " + q + " is not supported: the C-Abstractor pools the " + side + "x" + side
                    + " grid to sqrt(Q) x sqrt(Q), implemented only when sqrt(Q) divides " + side);
        }
        return q;
    }

    private JsonNode object(JsonNode parent, String key) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isObject()) {
            throw error(n == null ? "has no " + key : key + " is not a JSON object");
        }
        return n;
    }

    private JsonNode required(JsonNode parent, String prefix, String key) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw error("has no " + prefix + key);
        }
        return n;
    }

    private int dimension(JsonNode parent, String prefix, String key) throws CheckpointException {
        int v = asInt(required(parent, prefix, key), prefix + key);
        if (v <= 0) {
            throw error(prefix + key + " must be positive, found " + v);
        }
        return v;
    }

    private int integer(JsonNode parent, String prefix, String key, int fallback, String why) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            assumptions.add(prefix + key + "=" + fallback + " assumed (" + why + ")");
            return fallback;
        }
        return asInt(n, prefix + key);
    }

    private int asInt(JsonNode n, String key) throws CheckpointException {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw error(key + " must be an integer, found " + n);
        }
        return n.intValue();
    }

    private double number(JsonNode parent, String prefix, String key) throws CheckpointException {
        JsonNode n = required(parent, prefix, key);
        if (!n.isNumber()) {
            throw error(prefix + key + " must be a number, found " + n);
        }
        return n.doubleValue();
    }

    private boolean flag(JsonNode parent, String key, boolean fallback, String why) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            assumptions.add(key + "=" + fallback + " assumed (" + why + ")");
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(key + " must be true or false, found " + n);
        }
        return n.booleanValue();
    }

    private String text(JsonNode parent, String prefix, String key, String fallback, String why) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            assumptions.add(prefix + key + "=" + fallback + " assumed (" + why + ")");
            return fallback;
        }
        return n.asText();
    }

    private CheckpointException error(String problem) {
        return new CheckpointException(file, problem);
    }
}
