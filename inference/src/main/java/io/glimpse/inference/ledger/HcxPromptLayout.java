package io.glimpse.inference.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The HCX vision prompt's building blocks (text around each message, image and video), read once
 * from {@code hcx-vision-prompt.json}, with the assumptions they rest on. Immutable, thread-safe.
 */
public final class HcxPromptLayout {
    private static final HcxPromptLayout BUILT_IN = load();

    private final JsonNode blocks;
    private final List<String> assumptions;

    private HcxPromptLayout(JsonNode blocks, List<String> assumptions) {
        this.blocks = blocks;
        this.assumptions = List.copyOf(assumptions);
    }

    public static HcxPromptLayout builtIn() {
        return BUILT_IN;
    }

    private static HcxPromptLayout load() {
        try (InputStream in = HcxPromptLayout.class.getResourceAsStream("/io/glimpse/inference/ledger/hcx-vision-prompt.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> assumed = new ArrayList<>();
            root.path("assumptions").forEach(a -> assumed.add(a.asText()));
            return new HcxPromptLayout(root, assumed);
        } catch (IOException e) {
            throw new UncheckedIOException("hcx-vision-prompt.json is unreadable (a packaging bug)", e);
        }
    }

    /** Block {@code name} with its {@code {key}} fields filled, e.g. {@code block("system", "content", text)}. */
    public String block(String name, String... keyValues) {
        String text = blocks.path(name).asText(null);
        if (text == null) {
            throw new IllegalArgumentException("no block '" + name + "' in hcx-vision-prompt.json");
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            text = text.replace("{" + keyValues[i] + "}", keyValues[i + 1]);
        }
        return text;
    }

    public List<String> assumptions() {
        return assumptions;
    }
}
