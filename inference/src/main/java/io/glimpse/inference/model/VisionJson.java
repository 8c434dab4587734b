package io.glimpse.inference.model;

import static io.glimpse.inference.model.ModelFolder.requireInt;
import static io.glimpse.inference.model.ModelFolder.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.vision.VisionSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the {@code vision} block of glimpse.json (docs/glimpse-json.md) into a {@link VisionSpec}. */
final class VisionJson {
    private VisionJson() {
    }

    /** The vision wiring, or null when glimpse.json has no {@code vision} block. */
    static VisionSpec read(Path folder, JsonNode root, int vocabSize) throws ModelFolderException {
        JsonNode vision = root.get("vision");
        if (vision == null || vision.isNull()) {
            return null;
        }
        JsonNode enc = vision.path("encoder");
        JsonNode emb = vision.path("embed_tokens");
        String encoderFile = requireGraph(folder, enc, "vision.encoder.file");
        String embedFile = requireGraph(folder, emb, "vision.embed_tokens.file");
        String newline = text(vision, "image_newline", null);
        if (newline != null && !Files.isRegularFile(folder.resolve(newline))) {
            throw new ModelFolderException(folder, "the model folder has no " + newline + " (named by glimpse.json vision.image_newline)");
        }
        int maxTiles = enc.has("max_tiles_per_run") ? requireInt(folder, enc, "max_tiles_per_run", "glimpse.json vision.encoder") : 4;
        String stitchingName = text(vision, "stitching", "hcx-anyres");
        VisionSpec.Stitching stitching = VisionSpec.Stitching.byName(stitchingName);
        if (stitching == null) {
            throw new ModelFolderException(folder, "glimpse.json vision.stitching must be hcx-anyres or rows, got " + stitchingName);
        }
        String imageToken = text(vision, "image_token", null);
        if (imageToken == null) {
            throw new ModelFolderException(folder, "glimpse.json vision needs image_token (the image placeholder's text)");
        }
        int imageId = tokenId(folder, vision, "image_token_id", vocabSize, true);
        String videoToken = text(vision, "video_token", null);
        int videoId = tokenId(folder, vision, "video_token_id", vocabSize, videoToken != null);
        return new VisionSpec(encoderFile,
                text(enc, "pixel_values", "pixel_values"),
                enc.has("num_queries") && enc.get("num_queries").isNull() ? null : text(enc, "num_queries", "num_queries"),
                text(enc, "features", "image_features"), maxTiles,
                embedFile, text(emb, "input_ids", "input_ids"), text(emb, "inputs_embeds", "inputs_embeds"),
                newline, requireInt(folder, vision, "hidden_size", "glimpse.json vision"),
                imageToken, imageId, videoToken, videoToken == null ? -1 : videoId, stitching);
    }

    private static String requireGraph(Path folder, JsonNode node, String field) throws ModelFolderException {
        String file = text(node, "file", null);
        if (file == null) {
            throw new ModelFolderException(folder, "glimpse.json has no " + field);
        }
        if (!Files.isRegularFile(folder.resolve(file))) {
            throw new ModelFolderException(folder, "the model folder has no " + file + " (named by glimpse.json " + field + ")");
        }
        return file;
    }

    private static int tokenId(Path folder, JsonNode vision, String field, int vocabSize, boolean required)
            throws ModelFolderException {
        JsonNode v = vision.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ModelFolderException(folder, "glimpse.json vision needs " + field);
            }
            return -1;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw new ModelFolderException(folder, "glimpse.json vision." + field + " must be a token id, got " + v);
        }
        if (v.asInt() >= vocabSize) {
            throw new ModelFolderException(folder, "glimpse.json vision." + field + " " + v.asInt()
                    + " is not below vocab_size " + vocabSize);
        }
        return v.asInt();
    }
}
