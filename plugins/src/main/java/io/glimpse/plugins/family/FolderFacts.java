package io.glimpse.plugins.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the built-in families look at in a folder: its config.json and tokenizer_config.json, read leniently. */
final class FolderFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FolderFacts() {
    }

    /** The parsed file, or a missing node when it is absent or not JSON (recognising never throws). */
    static JsonNode json(Path folder, String name) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static String modelType(Path folder) {
        return json(folder, "config.json").path("model_type").asText("");
    }

    /** Whether tokenizer_config.json declares {@code token} among its added tokens. */
    static boolean hasAddedToken(Path folder, String token) {
        JsonNode added = json(folder, "tokenizer_config.json").path("added_tokens_decoder");
        for (JsonNode t : added) {
            if (token.equals(t.path("content").asText())) {
                return true;
            }
        }
        return false;
    }
}
