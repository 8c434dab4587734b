package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.importer.hcx.EmbedTokensBuilder;
import io.glimpse.inference.importer.hcx.ImageNewline;
import io.glimpse.inference.importer.hcx.VisionEncoderBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code glimpse.json} of an imported HCX vision folder: the decoder fields of
 * {@link ImportedFolderJson} (inputs_embeds decoder, geometry from {@code text_config}) plus the
 * {@code vision} block of docs/model-format.md. Stateless.
 */
final class HcxVisionFolderJson {
    static final String ENCODER = "onnx/vision_encoder.onnx";
    static final String EMBED = "onnx/embed_tokens.onnx";
    static final String DECODER = "onnx/" + ImportedFolderJson.GRAPH;

    private HcxVisionFolderJson() {
    }

    /** The placeholder tokens: texts looked up in the tokenizer by config.json's ids; no video when {@code video} is null. */
    record Placeholders(String image, int imageId, String video, int videoId) {
    }

    /**
     * @param source     the checkpoint folder (generation_config.json is read for more stop ids and sampling)
     * @param config     config.json (its top-level {@code eos_token_id}, if any, also stops)
     * @param text       its language model block ({@code text_config} or {@code language_config})
     * @param stops      the tokenizer's turn-end markers, text → id
     * @param newline    whether image_newline.npy is written
     * @param notes      every assumption
     */
    static ObjectNode write(Path source, JsonNode config, JsonNode text, DecoderGeometry geo, Precision precision,
                            Precision vision, Ops ops, Placeholders tokens, Map<String, Integer> stops, boolean newline,
                            List<String> notes) throws IOException {
        ObjectNode base = ImportedFolderJson.write(source, text, DecoderArchitectures.LLAMA, geo, true, precision, ops, notes);
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("family", "hcx-vision");
        root.setAll(base);
        root.put("tokenizer", "tokenizer.json");
        root.remove("chat_template"); // the HCX prompt layout is built in (hcx-vision-prompt.json)
        ((ObjectNode) root.get("special_tokens")).put("bos", -1); // the HCX prompt starts without BOS
        ((ObjectNode) root.get("decoder")).put("file", DECODER);
        ObjectNode stop = (ObjectNode) root.get("stop");
        Set<Integer> ids = new LinkedHashSet<>();
        stop.get("ids").forEach(n -> ids.add(n.asInt()));
        JsonNode eos = config.get("eos_token_id");
        if (eos != null && eos.isInt()) {
            ids.add(eos.asInt());
        }
        ids.addAll(stops.values());
        ArrayNode idList = stop.putArray("ids");
        ids.forEach(idList::add);
        ArrayNode strings = stop.putArray("strings");
        stops.keySet().forEach(strings::add);
        root.set("vision", vision(geo.hidden(), tokens, newline));
        ObjectNode imported = (ObjectNode) root.get("imported");
        imported.put("architecture", HcxVisionImport.ARCHITECTURE);
        imported.put("vision_precision", vision.cliName());
        root.set("notes", root.remove("notes")); // notes and imported last, as in a decoder folder
        root.set("imported", root.remove("imported"));
        return root;
    }

    private static ObjectNode vision(int hidden, Placeholders tokens, boolean newline) {
        ObjectNode v = new ObjectMapper().createObjectNode();
        v.putObject("encoder").put("file", ENCODER).put("pixel_values", VisionEncoderBuilder.PIXEL_VALUES)
                .put("num_queries", VisionEncoderBuilder.NUM_QUERIES).put("features", VisionEncoderBuilder.IMAGE_FEATURES)
                .put("max_tiles_per_run", 4);
        v.putObject("embed_tokens").put("file", EMBED).put("input_ids", EmbedTokensBuilder.INPUT_IDS)
                .put("inputs_embeds", EmbedTokensBuilder.INPUTS_EMBEDS);
        if (newline) {
            v.put("image_newline", ImageNewline.FILE);
        }
        v.put("hidden_size", hidden);
        v.put("image_token", tokens.image()).put("image_token_id", tokens.imageId());
        if (tokens.video() != null) {
            v.put("video_token", tokens.video()).put("video_token_id", tokens.videoId());
        }
        v.put("stitching", "hcx-anyres");
        return v;
    }
}
