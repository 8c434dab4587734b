package io.glimpse.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code ask --history} file: earlier turns as a JSON array of {@code {"role", "content"}} objects. */
final class HistoryFile {
    private HistoryFile() {
    }

    /**
     * @throws MediaException (bad input, exit 3) for a missing or unreadable file, invalid JSON, or a turn that is
     *     not a user or assistant text
     */
    static List<ChatMessage> read(Path file) throws MediaException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found");
        } catch (JsonProcessingException e) {
            throw new MediaException(file, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MediaException(file, "cannot read the history file (" + e.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new MediaException(file, "a history file is a JSON array of {\"role\": \"user\"|\"assistant\", \"content\": \"...\"}");
        }
        List<ChatMessage> turns = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode turn = root.get(i);
            String role = turn.path("role").asText("");
            JsonNode content = turn.get("content");
            if (!(role.equals("user") || role.equals("assistant")) || content == null || !content.isTextual()) {
                throw new MediaException(file, "turn " + (i + 1) + " must have role user or assistant and a text content, got " + turn);
            }
            turns.add(role.equals("user") ? ChatMessage.user(content.asText()) : ChatMessage.assistant(content.asText()));
        }
        return turns;
    }
}
