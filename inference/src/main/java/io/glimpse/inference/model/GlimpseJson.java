package io.glimpse.inference.model;

import static io.glimpse.inference.model.ModelFolder.ids;
import static io.glimpse.inference.model.ModelFolder.requireFile;
import static io.glimpse.inference.model.ModelFolder.requireInt;
import static io.glimpse.inference.model.ModelFolder.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.ModelFolderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Glimpse's own wiring file, {@code glimpse.json} (format in docs/glimpse-json.md). */
final class GlimpseJson {
    private GlimpseJson() {
    }

    /** An optional field that must be one of two values; null when absent. */
    private static String oneOf(Path folder, JsonNode node, String field, String a, String b) throws ModelFolderException {
        String v = text(node, field, null);
        if (v != null && !v.equals(a) && !v.equals(b)) {
            throw new ModelFolderException(folder, "glimpse.json decoder." + field + " must be " + a + " or " + b + ", got " + v);
        }
        return v;
    }

    static ModelSpec read(Path folder, JsonNode root) throws ModelFolderException {
        JsonNode dec = root.path("decoder");
        String file = text(dec, "file", null);
        if (file == null) {
            throw new ModelFolderException(folder, "glimpse.json has no decoder.file");
        }
        requireFile(folder, file, "glimpse.json");
        JsonNode in = dec.path("inputs");
        JsonNode out = dec.path("outputs");
        String layoutName = text(dec, "kv_layout", "separate");
        KvLayout layout;
        try {
            layout = KvLayout.valueOf(layoutName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(folder, "glimpse.json decoder.kv_layout must be separate or stacked, got " + layoutName);
        }
        boolean stacked = layout == KvLayout.STACKED;
        DecoderWiring wiring = new DecoderWiring(file,
                text(in, "input_ids", "input_ids"), text(in, "attention_mask", "attention_mask"),
                in.has("position_ids") && in.get("position_ids").isNull() ? null : text(in, "position_ids", "position_ids"),
                stacked ? null : text(in, "past_key", "past_key_values.%d.key"),
                stacked ? null : text(in, "past_value", "past_key_values.%d.value"),
                stacked ? text(in, "past", "past_%d") : null,
                text(out, "logits", "logits"),
                stacked ? null : text(out, "present_key", "present.%d.key"),
                stacked ? null : text(out, "present_value", "present.%d.value"),
                stacked ? text(out, "present", "present_%d") : null,
                layout,
                requireInt(folder, dec, "layers", "glimpse.json decoder"),
                requireInt(folder, dec, "kv_heads", "glimpse.json decoder"),
                requireInt(folder, dec, "head_size", "glimpse.json decoder"),
                oneOf(folder, dec, "kv_dtype", "float32", "float16"),
                oneOf(folder, dec, "id_dtype", "int64", "int32"),
                text(in, "inputs_embeds", null));
        ModelFolder.checkPatterns(folder, "glimpse.json", wiring);
        JsonNode special = root.path("special_tokens");
        JsonNode stop = root.path("stop");
        List<String> stopStrings = new ArrayList<>();
        stop.path("strings").forEach(s -> stopStrings.add(s.asText()));
        Map<String, Object> sampling = ModelFolder.settings(root.path("sampling"));
        int vocabSize = requireInt(folder, root, "vocab_size", "glimpse.json");
        List<String> notes = new ArrayList<>(); // what the writer of the folder assumed (glimpse import lists them)
        root.path("notes").forEach(n -> notes.add(n.asText()));
        return new ModelSpec(folder, "glimpse.json", wiring, vocabSize,
                requireInt(folder, root, "context_length", "glimpse.json"),
                special.path("bos").asInt(-1), special.path("pad").asInt(-1),
                ids(stop.get("ids")), stopStrings, text(root, "tokenizer", null), text(root, "chat_template", null),
                sampling, notes, VisionJson.read(folder, root, vocabSize));
    }
}
