package io.glimpse.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chat templates shipped with Glimpse, read once from {@code builtin-templates.json}. Thread-safe. */
public final class BuiltInTemplates {
    private static final Map<String, ChatTemplate> TEMPLATES = load();

    private BuiltInTemplates() {
    }

    public static Optional<ChatTemplate> named(String name) {
        return Optional.ofNullable(TEMPLATES.get(name));
    }

    public static List<String> names() {
        return List.copyOf(TEMPLATES.keySet());
    }

    private static Map<String, ChatTemplate> load() {
        try (InputStream in = BuiltInTemplates.class.getResourceAsStream("builtin-templates.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, ChatTemplate> out = new LinkedHashMap<>();
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (name.startsWith("_")) {
                    continue;
                }
                JsonNode t = root.get(name);
                List<ChatMessage> first = new ArrayList<>();
                t.path("always_first").forEach(m -> first.add(new ChatMessage(m.get("role").asText(), m.get("content").asText())));
                Map<String, RoleBlockTemplate.Block> roles = new LinkedHashMap<>();
                t.get("roles").fields().forEachRemaining(e -> roles.put(e.getKey(),
                        new RoleBlockTemplate.Block(e.getValue().get("prefix").asText(), e.getValue().get("suffix").asText())));
                List<String> stops = new ArrayList<>();
                t.path("stop_strings").forEach(s -> stops.add(s.asText()));
                out.put(name, new RoleBlockTemplate(name, first, roles, t.get("generation_prompt").asText(), stops));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("builtin-templates.json is unreadable (a packaging bug)", e);
        }
    }
}
