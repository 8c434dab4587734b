package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tiny-hcx-vision checkpoint copied into a test folder with a tokenizer added: the fixture has none,
 * and a vision folder cannot run without one. The tokenizer is stories260K's (vocab 512, the same size),
 * with ids 510 and 511 — config.json's video_token_id and image_token_id — turned into the HCX placeholder
 * added tokens {@code <|_unuse_missing_100270|>} and {@code <|dummy3|>}. The pieces they replace ('~' and
 * ']') are single characters that no merge produces or uses, so every other text tokenizes as before
 * (those two characters through byte fallback).
 */
final class TinyHcxCheckpoint {
    static final String IMAGE_TOKEN = "<|dummy3|>";
    static final String VIDEO_TOKEN = "<|_unuse_missing_100270|>";
    static final List<String> WEIGHTS_AND_SETTINGS = List.of("config.json", "generation_config.json",
            "preprocessor_config.json", "model.safetensors");

    private TinyHcxCheckpoint() {
    }

    /** The fixture folder (skips the test when absent). */
    static Path fixture() {
        return HfFixtures.folder("tiny-hcx-vision");
    }

    /** A copy of the checkpoint in {@code dir}, without a tokenizer. */
    static Path withoutTokenizer(Path dir) throws IOException {
        Path src = fixture();
        Files.createDirectories(dir);
        for (String name : WEIGHTS_AND_SETTINGS) {
            Files.copy(src.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    /** A copy of the checkpoint in {@code dir} with the derived tokenizer.json. */
    static Path withTokenizer(Path dir) throws IOException {
        withoutTokenizer(dir);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(HfFixtures.folder("stories260K-llama")));
        return dir;
    }

    static String tokenizerJson(Path stories) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode t = (ObjectNode) m.readTree(stories.resolve("tokenizer.json").toFile());
        ObjectNode vocab = (ObjectNode) t.path("model").path("vocab");
        Map<Integer, String> placeholders = Map.of(510, VIDEO_TOKEN, 511, IMAGE_TOKEN);
        ArrayNode added = (ArrayNode) t.get("added_tokens");
        for (var e : placeholders.entrySet()) {
            String old = null;
            for (var it = vocab.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getValue().asInt() == e.getKey()) {
                    old = f.getKey();
                }
            }
            vocab.remove(old);
            vocab.put(e.getValue(), e.getKey());
            String replaced = old;
            ArrayNode merges = (ArrayNode) t.path("model").path("merges");
            for (int i = merges.size() - 1; i >= 0; i--) { // none touch the old pieces; kept for a changed source
                List<String> parts = List.of(merges.get(i).asText().split(" "));
                if (parts.contains(replaced) || String.join("", parts).equals(replaced)) {
                    merges.remove(i);
                }
            }
            added.addObject().put("id", e.getKey()).put("content", e.getValue()).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(t);
    }
}
