package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Reads config.json's {@code rope_scaling}: null, {@code default}, or {@code llama3}; anything else is refused by name. */
final class RopeScalingReader {
    private RopeScalingReader() {
    }

    static Rope.Llama3Scaling read(JsonNode node, String key, Path file) throws CheckpointException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new CheckpointException(file, key + " must be an object or null, got " + node);
        }
        // transformers accepts both spellings ("type" is the older one)
        JsonNode typeNode = node.hasNonNull("rope_type") ? node.get("rope_type") : node.get("type");
        String type = typeNode == null ? "(none)" : typeNode.asText();
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals("llama3")) {
            throw new CheckpointException(file, key + " type " + type + " is not supported (supported: null, default, llama3)");
        }
        return new Rope.Llama3Scaling(
                DecoderGeometry.number(node, "factor", file),
                DecoderGeometry.number(node, "low_freq_factor", file),
                DecoderGeometry.number(node, "high_freq_factor", file),
                DecoderGeometry.number(node, "original_max_position_embeddings", file));
    }
}
