package io.glimpse.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model folder's description, in this order of preference:
 * <ol>
 *   <li>{@code glimpse.json}: Glimpse's own wiring file (docs/glimpse-json.md);</li>
 *   <li>{@code genai_config.json}: an onnxruntime-genai folder;</li>
 *   <li>{@code config.json} + {@code onnx/model*.onnx} or {@code onnx/decoder_model_merged*.onnx}:
 *       an optimum / transformers.js export, with the conventional tensor names; with
 *       {@code onnx/vision_encoder*.onnx} or {@code onnx/embed_tokens*.onnx} a transformers.js
 *       image-text-to-text folder ({@link OptimumVision}).</li>
 * </ol>
 * Nothing is loaded into ONNX Runtime here. Stateless and thread-safe.
 */
public final class ModelFolder {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Decoder files of optimum / transformers.js exports, most preferred first (full precision before quantized). */
    static final List<String> OPTIMUM_DECODERS = List.of("onnx/model.onnx", "onnx/decoder_model_merged.onnx",
            "model.onnx", "decoder_model_merged.onnx", "onnx/model_fp16.onnx", "onnx/decoder_model_merged_fp16.onnx");

    private ModelFolder() {
    }

    public static ModelSpec read(Path folder) throws ModelFolderException {
        if (!Files.isDirectory(folder)) {
            throw new ModelFolderException(folder, Files.exists(folder) ? "is a file, not a model folder" : "folder not found");
        }
        if (Files.exists(folder.resolve("glimpse.json"))) {
            return GlimpseJson.read(folder, readJson(folder, "glimpse.json"));
        }
        if (Files.exists(folder.resolve("genai_config.json"))) {
            return readGenai(folder, readJson(folder, "genai_config.json"));
        }
        if (Files.exists(folder.resolve("config.json"))) {
            return readOptimum(folder, readJson(folder, "config.json"));
        }
        throw new ModelFolderException(folder, "not a model folder Glimpse knows: no glimpse.json, genai_config.json "
                + "or config.json (with onnx/model.onnx or onnx/decoder_model_merged.onnx)");
    }

    /**
     * Whether {@link #read} takes {@code folder} as a transformers.js image-text-to-text folder: no
     * glimpse.json or genai_config.json, a config.json, and the vision graphs. Reads no file; never throws.
     */
    public static boolean isImageTextToText(Path folder) {
        return Files.isDirectory(folder) && !Files.exists(folder.resolve("glimpse.json"))
                && !Files.exists(folder.resolve("genai_config.json")) && Files.isRegularFile(folder.resolve("config.json"))
                && OptimumVision.isImageTextToText(folder);
    }

    static JsonNode readJson(Path folder, String name) throws ModelFolderException {
        try {
            return JSON.readTree(folder.resolve(name).toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFolderException(folder, name + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot read " + name + " (" + e.getMessage() + ")");
        }
    }

    private static ModelSpec readGenai(Path folder, JsonNode root) throws ModelFolderException {
        JsonNode model = root.path("model");
        JsonNode dec = model.path("decoder");
        String file = text(dec, "filename", null);
        if (file == null) {
            throw new ModelFolderException(folder, "genai_config.json has no model.decoder.filename");
        }
        requireFile(folder, file, "genai_config.json");
        JsonNode in = dec.path("inputs");
        JsonNode out = dec.path("outputs");
        boolean stacked = in.has("past_names");
        int layers = requireInt(folder, dec, "num_hidden_layers", "genai_config.json model.decoder");
        int kvHeads = requireInt(folder, dec, dec.hasNonNull("num_key_value_heads") ? "num_key_value_heads" : "num_attention_heads",
                "genai_config.json model.decoder");
        DecoderWiring wiring = new DecoderWiring(file,
                text(in, "input_ids", "input_ids"), text(in, "attention_mask", "attention_mask"),
                text(in, "position_ids", "position_ids"),
                stacked ? null : text(in, "past_key_names", "past_key_values.%d.key"),
                stacked ? null : text(in, "past_value_names", "past_key_values.%d.value"),
                stacked ? in.get("past_names").asText() : null,
                text(out, "logits", "logits"),
                stacked ? null : text(out, "present_key_names", "present.%d.key"),
                stacked ? null : text(out, "present_value_names", "present.%d.value"),
                stacked ? text(out, "present_names", "present_%d") : null,
                stacked ? KvLayout.STACKED : KvLayout.SEPARATE,
                layers, kvHeads, requireInt(folder, dec, "head_size", "genai_config.json model.decoder"), null, null,
                text(in, "inputs_embeds", null));
        checkPatterns(folder, "genai_config.json", wiring);
        Map<String, Object> sampling = settings(root.path("search"));
        return new ModelSpec(folder, "genai_config.json", wiring,
                requireInt(folder, model, "vocab_size", "genai_config.json model"),
                requireInt(folder, model, "context_length", "genai_config.json model"),
                model.path("bos_token_id").asInt(-1), model.path("pad_token_id").asInt(-1),
                ids(model.get("eos_token_id")), List.of(), null, null, sampling, List.of());
    }

    private static ModelSpec readOptimum(Path folder, JsonNode config) throws ModelFolderException {
        if (OptimumVision.isImageTextToText(folder)) {
            return OptimumVision.read(folder, config);
        }
        String file = null;
        for (String candidate : OPTIMUM_DECODERS) {
            if (Files.isRegularFile(folder.resolve(candidate))) {
                file = candidate;
                break;
            }
        }
        if (file == null) {
            throw new ModelFolderException(folder, "config.json is there but no ONNX decoder: looked for "
                    + String.join(", ", OPTIMUM_DECODERS));
        }
        List<String> notes = new ArrayList<>();
        int layers = requireInt(folder, config, "num_hidden_layers", "config.json");
        int heads = requireInt(folder, config, "num_attention_heads", "config.json");
        int kvHeads = config.hasNonNull("num_key_value_heads") ? requireInt(folder, config, "num_key_value_heads", "config.json") : heads;
        int headSize = config.hasNonNull("head_dim") ? requireInt(folder, config, "head_dim", "config.json")
                : headSize(folder, requireInt(folder, config, "hidden_size", "config.json"), heads, "config.json");
        DecoderWiring wiring = new DecoderWiring(file, "input_ids", "attention_mask", "position_ids",
                "past_key_values.%d.key", "past_key_values.%d.value", null,
                "logits", "present.%d.key", "present.%d.value", null, KvLayout.SEPARATE, layers, kvHeads, headSize, null, null);
        notes.add("tensor names assumed from the optimum convention (input_ids, past_key_values.N.key, present.N.key, logits)");
        Set<Integer> stops = new LinkedHashSet<>(ids(config.get("eos_token_id")));
        Map<String, Object> sampling = new LinkedHashMap<>();
        readGenerationConfig(folder, stops, sampling);
        int context = config.path("max_position_embeddings").asInt(-1);
        if (context <= 0) {
            context = 2048;
            notes.add("config.json gives no max_position_embeddings; context length assumed 2048");
        }
        return new ModelSpec(folder, "config.json", wiring, requireInt(folder, config, "vocab_size", "config.json"),
                context, config.path("bos_token_id").asInt(-1), config.path("pad_token_id").asInt(-1),
                stops, List.of(), null, null, sampling, notes);
    }

    /** Adds generation_config.json's stop ids and sampling defaults, when the file is there. */
    static void readGenerationConfig(Path folder, Set<Integer> stops, Map<String, Object> sampling) throws ModelFolderException {
        if (Files.exists(folder.resolve("generation_config.json"))) {
            JsonNode gen = readJson(folder, "generation_config.json");
            stops.addAll(ids(gen.get("eos_token_id")));
            for (String key : List.of("do_sample", "temperature", "top_k", "top_p", "min_p", "repetition_penalty")) {
                if (gen.hasNonNull(key)) { // null: not set
                    sampling.put(key, JSON.convertValue(gen.get(key), Object.class));
                }
            }
        }
    }

    /** A sampling block ({@code search}, {@code sampling}) as plain values; a null value counts as not set. */
    static Map<String, Object> settings(JsonNode block) {
        Map<String, Object> out = new LinkedHashMap<>();
        block.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return out;
    }

    /** hidden_size / num_attention_heads, refused when the heads do not split the hidden size. */
    static int headSize(Path folder, int hidden, int heads, String where) throws ModelFolderException {
        if (hidden % heads != 0) {
            throw new ModelFolderException(folder, where + " hidden_size " + hidden + " does not split into "
                    + heads + " attention heads (and there is no head_dim)");
        }
        return hidden / heads;
    }

    static void requireFile(Path folder, String file, String configName) throws ModelFolderException {
        if (!Files.isRegularFile(folder.resolve(file))) {
            throw new ModelFolderException(folder, configName + " names " + file + ", which is missing");
        }
    }

    static int requireInt(Path folder, JsonNode node, String field, String where) throws ModelFolderException {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new ModelFolderException(folder, where + " needs a positive integer " + field
                    + (v == null ? "" : ", got " + v));
        }
        return v.asInt();
    }

    /**
     * Refuses a cache name pattern that does not give each layer its own name: formatting one with
     * another conversion than a single {@code %d} ({@code present_%D}, {@code %d.%d}) would otherwise throw
     * an IllegalFormatException when the graph is checked, and one without {@code %d} names every layer alike.
     */
    static void checkPatterns(Path folder, String configName, DecoderWiring w) throws ModelFolderException {
        for (String pattern : Arrays.asList(w.pastKey(), w.pastValue(), w.pastStacked(), w.presentKey(), w.presentValue(),
                w.presentStacked())) {
            if (pattern == null) {
                continue;
            }
            boolean perLayer;
            try {
                perLayer = !DecoderWiring.name(pattern, 0).equals(DecoderWiring.name(pattern, 1));
            } catch (IllegalFormatException e) {
                perLayer = false;
            }
            if (!perLayer) {
                throw new ModelFolderException(folder, configName + " gives the cache tensor name pattern " + pattern
                        + ", which needs one %d for the layer number");
            }
        }
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** An id or a list of ids (configs use both); absent gives none. */
    static Set<Integer> ids(JsonNode node) {
        Set<Integer> out = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asInt()));
        } else {
            out.add(node.asInt());
        }
        return out;
    }
}
