package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.history.RunExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The batch's JSONL output: what is already there (for --resume), and its CSV form. */
final class BatchOutput {
    /** The CSV columns, in the order of a result line. */
    static final List<String> COLUMNS = List.of("id", "media", "question", "answer", "finishReason", "promptTokens", "visualTokens",
            "generatedTokens", "ttftMs", "tokensPerSecond", "totalMs", "error", "runId");

    private BatchOutput() {
    }

    /** Refuses to overwrite earlier results: an existing non-empty output needs --resume (or another --out). */
    static Set<String> requireFresh(Path out) throws IOException {
        if (Files.exists(out) && Files.size(out) > 0) {
            throw new Main.UsageException(out + " already holds results: --resume continues it, or choose another --out");
        }
        return Set.of();
    }

    /**
     * The ids already in {@code out}. Each line was written whole, so a line that does not parse (a
     * crash mid-write, an edit) is refused with its number rather than appended after.
     */
    static Set<String> doneIds(Path out) throws IOException {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(out)) {
            return ids;
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(out);
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            throw new Main.UsageException(out + " ends in a cut line (line " + lines.size() + "): remove it, then --resume");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(lines.get(i));
                ids.add(n.get("id").asText());
            } catch (IOException | NullPointerException e) {
                throw new Main.UsageException(out + " line " + (i + 1) + " is not a result line; --resume needs the file as batch wrote it");
            }
        }
        return ids;
    }

    /** Writes every result line of {@code out} as a CSV row (RFC 4180). */
    static void writeCsv(Path out, Path csv) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(line);
            List<String> cells = new ArrayList<>();
            for (String c : COLUMNS) {
                JsonNode v = n.get(c);
                String text = v == null || v.isNull() ? ""
                        : v.isArray() ? String.join(" ", iterable(v)) : v.asText();
                cells.add(cell(text));
            }
            b.append(String.join(",", cells)).append("\r\n");
        }
        RunExport.write(csv, b.toString());
    }

    private static List<String> iterable(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String cell(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
