package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes the {@code glimpse.json} of an imported decoder (format: docs/glimpse-json.md). Stateless. */
final class ImportedFolderJson {
    static final String GRAPH = "decoder_model_merged.onnx";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportedFolderJson() {
    }

    /**
     * @param source the checkpoint folder (its config.json, generation_config.json and tokenizer_config.json are read)
     * @param notes  every assumption, shown to the user with the model
     */
    static ObjectNode write(Path source, JsonNode config, DecoderArchitecture arch, DecoderGeometry geo, boolean takesEmbeddings,
                            Precision precision, Ops ops, List<String> notes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode dec = root.putObject("decoder");
        dec.put("file", GRAPH);
        ObjectNode in = dec.putObject("inputs");
        in.put(takesEmbeddings ? "inputs_embeds" : "input_ids", takesEmbeddings ? "inputs_embeds" : "input_ids");
        in.put("attention_mask", "attention_mask");
        in.put("position_ids", "position_ids");
        in.put("past_key", "past_key_values.%d.key");
        in.put("past_value", "past_key_values.%d.value");
        ObjectNode out = dec.putObject("outputs");
        out.put("logits", "logits");
        out.put("present_key", "present.%d.key");
        out.put("present_value", "present.%d.value");
        dec.put("kv_layout", "separate");
        dec.put("layers", geo.layers());
        dec.put("kv_heads", geo.kvHeads());
        dec.put("head_size", geo.headDim());
        dec.put("kv_dtype", "float32");
        dec.put("id_dtype", "int64");
        root.put("vocab_size", geo.vocab());
        root.put("context_length", geo.maxPositions());
        JsonNode gen = readIfPresent(source.resolve("generation_config.json"));
        ObjectNode special = root.putObject("special_tokens");
        special.put("bos", firstId(config.get("bos_token_id"), gen.get("bos_token_id")));
        special.put("pad", firstId(config.get("pad_token_id"), gen.get("pad_token_id")));
        Set<Integer> stops = new LinkedHashSet<>();
        addIds(stops, config.get("eos_token_id"));
        addIds(stops, gen.get("eos_token_id"));
        ArrayNode ids = root.putObject("stop").putArray("ids");
        stops.forEach(ids::add);
        ((ObjectNode) root.get("stop")).putArray("strings");
        boolean ownTemplate = readIfPresent(source.resolve("tokenizer_config.json")).hasNonNull("chat_template");
        // the checkpoint's own Jinja template wins (ChatTemplates reads tokenizer_config.json when glimpse.json names none)
        if (ownTemplate || arch.chatTemplate() == null) {
            root.putNull("chat_template");
        } else {
            root.put("chat_template", arch.chatTemplate());
        }
        ObjectNode sampling = root.putObject("sampling");
        for (String key : List.of("temperature", "top_k", "top_p", "min_p", "repetition_penalty")) {
            if (gen.has(key)) {
                sampling.set(key, gen.get(key));
            }
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        ObjectNode imported = root.putObject("imported");
        imported.put("architecture", arch.name());
        imported.put("precision", precision.cliName());
        imported.put("ops", ops.cliName());
        imported.put("parameters", geo.parameters());
        return root;
    }

    static byte[] bytes(ObjectNode root) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static JsonNode readIfPresent(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        JsonNode n = JSON.readTree(file.toFile());
        return n == null || !n.isObject() ? JSON.createObjectNode() : n;
    }

    private static int firstId(JsonNode a, JsonNode b) {
        for (JsonNode n : new JsonNode[] {a, b}) {
            if (n != null && n.isInt()) {
                return n.asInt();
            }
            if (n != null && n.isArray() && !n.isEmpty()) {
                return n.get(0).asInt();
            }
        }
        return -1;
    }

    private static void addIds(Set<Integer> into, JsonNode n) {
        if (n == null || n.isNull()) {
            return;
        }
        if (n.isArray()) {
            n.forEach(v -> into.add(v.asInt()));
        } else {
            into.add(n.asInt());
        }
    }
}
