package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The id ↔ text table of a Hugging Face {@code tokenizer.json} ({@code added_tokens}, then
 * {@code model.vocab} as a map or a Unigram list), so an import can write a placeholder's text next
 * to its id without loading the tokenizer. An added token wins over a vocab entry of the same id,
 * as in transformers. Immutable.
 */
final class TokenizerVocabulary {
    private final Map<Integer, String> byId;
    private final Map<String, Integer> byText;

    private TokenizerVocabulary(Map<Integer, String> byId, Map<String, Integer> byText) {
        this.byId = byId;
        this.byText = byText;
    }

    static TokenizerVocabulary read(Path tokenizerJson) throws CheckpointException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new CheckpointException(tokenizerJson, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<Integer, String> byId = new HashMap<>();
        Map<String, Integer> byText = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            vocab.fields().forEachRemaining(e -> put(byId, byText, e.getValue().asInt(), e.getKey()));
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) { // Unigram: [[piece, score], ...], the id is the position
                put(byId, byText, i, vocab.get(i).path(0).asText());
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            put(byId, byText, added.path("id").asInt(), added.path("content").asText());
        }
        return new TokenizerVocabulary(Map.copyOf(byId), Map.copyOf(byText));
    }

    private static void put(Map<Integer, String> byId, Map<String, Integer> byText, int id, String text) {
        String before = byId.put(id, text);
        if (before != null && !before.equals(text)) {
            byText.remove(before);
        }
        byText.put(text, id);
    }

    Optional<String> text(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    OptionalInt id(String text) {
        Integer id = byText.get(text);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
