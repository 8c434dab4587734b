package io.glimpse.inference.model;

import static io.glimpse.inference.model.ModelFolder.ids;
import static io.glimpse.inference.model.ModelFolder.readJson;
import static io.glimpse.inference.model.ModelFolder.requireInt;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.vision.VisionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a transformers.js image-text-to-text folder as users download it (no glimpse.json):
 * {@code config.json} (LLaVA-style: {@code image_token_index}, {@code image_seq_length},
 * {@code text_config}), {@code preprocessor_config.json}, the tokenizer, and the graphs
 * {@code onnx/vision_encoder.onnx}, {@code onnx/embed_tokens.onnx} and
 * {@code onnx/decoder_model_merged.onnx} (or a dtype variant such as {@code _fp16}). Tensor names
 * are the transformers.js convention (hcx-spec.md §10.2); they are checked against the graphs when
 * the model is opened. One feature row per placeholder (stitching {@code rows}), images only.
 * Stateless and thread-safe.
 */
final class OptimumVision {
    /** transformers.js dtype suffixes (dtypes.js), most preferred first: full precision before quantized. */
    static final List<String> SUFFIXES = List.of("", "_fp16", "_q4f16", "_q4", "_quantized", "_int8", "_uint8", "_bnb4");

    private OptimumVision() {
    }

    /** Whether the folder has the vision graphs of an image-text-to-text export. */
    static boolean isImageTextToText(Path folder) {
        return graph(folder, "vision_encoder") != null || graph(folder, "embed_tokens") != null;
    }

    /** The first {@code onnx/<name><suffix>.onnx} present, or null. */
    static String graph(Path folder, String name) {
        for (String suffix : SUFFIXES) {
            String file = "onnx/" + name + suffix + ".onnx";
            if (Files.isRegularFile(folder.resolve(file))) {
                return file;
            }
        }
        return null;
    }

    static ModelSpec read(Path folder, JsonNode config) throws ModelFolderException {
        String encoder = requireGraph(folder, "vision_encoder");
        String embed = requireGraph(folder, "embed_tokens");
        String decoderFile = requireGraph(folder, "decoder_model_merged");
        if (!Files.isRegularFile(folder.resolve("preprocessor_config.json"))) {
            throw new ModelFolderException(folder, "an image-text-to-text folder (onnx/vision_encoder.onnx) needs "
                    + "preprocessor_config.json (the image processor's size, crop_size, image_mean, image_std), which is missing");
        }
        List<String> notes = new ArrayList<>();
        JsonNode text = config.has("text_config") ? config.get("text_config") : config;
        String where = config.has("text_config") ? "config.json text_config" : "config.json";
        int layers = requireInt(folder, text, "num_hidden_layers", where);
        int heads = requireInt(folder, text, "num_attention_heads", where);
        int hidden = requireInt(folder, text, "hidden_size", where);
        int kvHeads = text.hasNonNull("num_key_value_heads") ? requireInt(folder, text, "num_key_value_heads", where) : heads;
        int headSize = text.hasNonNull("head_dim") ? requireInt(folder, text, "head_dim", where)
                : ModelFolder.headSize(folder, hidden, heads, where);
        int vocab = text.has("vocab_size") ? requireInt(folder, text, "vocab_size", where)
                : requireInt(folder, config, "vocab_size", "config.json (no text_config.vocab_size)");
        int context = text.path("max_position_embeddings").asInt(-1);
        if (context <= 0) {
            context = 2048;
            notes.add(where + " gives no max_position_embeddings; context length assumed 2048");
        }
        int imageId = imageTokenId(folder, config, vocab);
        String imageToken = tokenText(folder, imageId);
        int seqLength = imageSeqLength(folder, config, notes);

        DecoderWiring wiring = new DecoderWiring(decoderFile, "input_ids", "attention_mask", "position_ids",
                "past_key_values.%d.key", "past_key_values.%d.value", null, "logits", "present.%d.key", "present.%d.value",
                null, KvLayout.SEPARATE, layers, kvHeads, headSize, null, null, "inputs_embeds");
        VisionSpec vision = new VisionSpec(encoder, "pixel_values", null, "image_features", 4,
                embed, "input_ids", "inputs_embeds", null, hidden, imageToken, imageId, null, -1,
                VisionSpec.Stitching.ROWS, seqLength);
        notes.add("a transformers.js image-text-to-text folder: " + encoder + ", " + embed + ", " + decoderFile
                + "; tensor names assumed from the transformers.js convention (pixel_values -> image_features; "
                + "input_ids -> inputs_embeds; inputs_embeds, attention_mask, position_ids, past_key_values.N.key/value "
                + "-> logits, present.N.key/value), checked against the graphs when opened");
        notes.add("decoder geometry from " + where + ": " + layers + " layers, " + kvHeads + " KV heads of " + headSize
                + (text.hasNonNull("head_dim") ? "" : " (hidden_size / num_attention_heads)"));
        notes.add("each image is one tile of the CLIP-style processor (preprocessor_config.json) whose " + seqLength
                + " feature rows replace its " + seqLength + " " + imageToken + " placeholders one to one (stitching rows)");
        notes.add("images only: config.json wires no video placeholder");

        Set<Integer> stops = new LinkedHashSet<>(ids(config.get("eos_token_id")));
        stops.addAll(ids(text.get("eos_token_id")));
        Map<String, Object> sampling = new LinkedHashMap<>();
        ModelFolder.readGenerationConfig(folder, stops, sampling);
        return new ModelSpec(folder, "config.json", wiring, vocab, context,
                config.path("bos_token_id").asInt(text.path("bos_token_id").asInt(-1)),
                config.path("pad_token_id").asInt(text.path("pad_token_id").asInt(-1)),
                stops, List.of(), null, null, sampling, notes, vision);
    }

    private static String requireGraph(Path folder, String name) throws ModelFolderException {
        String file = graph(folder, name);
        if (file == null) {
            List<String> looked = SUFFIXES.stream().map(s -> "onnx/" + name + s + ".onnx").toList();
            throw new ModelFolderException(folder, "an image-text-to-text folder (config.json with onnx/vision_encoder "
                    + "or onnx/embed_tokens) needs the " + name + " graph: looked for " + String.join(", ", looked));
        }
        return file;
    }

    /** {@code image_token_index} (LLaVA) or {@code image_token_id} (newer configs), below the vocabulary. */
    private static int imageTokenId(Path folder, JsonNode config, int vocab) throws ModelFolderException {
        String field = config.has("image_token_index") ? "image_token_index" : "image_token_id";
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            throw new ModelFolderException(folder, "config.json has no image_token_index (or image_token_id): the id of "
                    + "the image placeholder token, which the image features replace, is needed");
        }
        if (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() >= vocab) {
            throw new ModelFolderException(folder, "config.json " + field + " must be a token id below the vocabulary size "
                    + vocab + ", got " + v);
        }
        return v.asInt();
    }

    /** The placeholder's text: the added token of that id in tokenizer.json (or tokenizer_config.json). */
    private static String tokenText(Path folder, int id) throws ModelFolderException {
        if (Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            for (JsonNode t : readJson(folder, "tokenizer.json").path("added_tokens")) {
                if (t.path("id").asInt(-1) == id && t.path("content").isTextual()) {
                    return t.get("content").asText();
                }
            }
        }
        if (Files.isRegularFile(folder.resolve("tokenizer_config.json"))) {
            JsonNode t = readJson(folder, "tokenizer_config.json").path("added_tokens_decoder").path(Integer.toString(id));
            if (t.path("content").isTextual()) {
                return t.get("content").asText();
            }
        }
        throw new ModelFolderException(folder, "config.json's image token id " + id + " is not an added token of "
                + "tokenizer.json (or tokenizer_config.json added_tokens_decoder): its text is needed to place it");
    }

    /**
     * Placeholders per image: {@code image_seq_length} of config.json (or processor_config.json, where
     * LlavaProcessor keeps it); else {@code (image_size / patch_size)²} of vision_config, noted.
     */
    private static int imageSeqLength(Path folder, JsonNode config, List<String> notes) throws ModelFolderException {
        if (config.has("image_seq_length")) {
            return requireInt(folder, config, "image_seq_length", "config.json");
        }
        if (Files.isRegularFile(folder.resolve("processor_config.json"))) {
            JsonNode processor = readJson(folder, "processor_config.json");
            if (processor.has("image_seq_length")) {
                return requireInt(folder, processor, "image_seq_length", "processor_config.json");
            }
        }
        JsonNode vc = config.path("vision_config");
        if (vc.path("image_size").asInt(0) > 0 && vc.path("patch_size").asInt(0) > 0) {
            int side = vc.get("image_size").asInt() / vc.get("patch_size").asInt();
            notes.add("config.json gives no image_seq_length; assumed (vision_config.image_size / patch_size)² = "
                    + side * side + " (LLaVA's default feature selection, without the CLS row)");
            return side * side;
        }
        throw new ModelFolderException(folder, "config.json has no image_seq_length (nor vision_config image_size and "
                + "patch_size to derive it): the number of placeholder tokens per image is needed");
    }
}
