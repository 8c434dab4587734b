package io.glimpse.app.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A record as Markdown (for people), JSON (the whole record) or CSV rows (for a sweep or batch). Stateless. */
public final class RunExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The CSV columns, one row per record. */
    public static final List<String> CSV_COLUMNS = List.of("id", "created", "source", "group", "model", "media", "question", "answer",
            "finish_reason", "prompt_tokens", "visual_tokens", "generated_tokens", "ttft_ms", "tokens_per_second", "total_ms", "error");

    private RunExport() {
    }

    /** The whole record as indented JSON. */
    public static String json(RunRecord r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as a Markdown report: question, media, settings, ledger table, answer, timings. */
    public static String markdown(long id, RunRecord r) {
        StringBuilder b = new StringBuilder();
        b.append("# Run ").append(id).append(": ").append(oneLine(r.question(), 80)).append("\n\n");
        b.append("- when: ").append(WHEN.format(Instant.ofEpochMilli(r.createdMillis()))).append(" (").append(r.source()).append(")\n");
        if (r.model() != null) {
            b.append("- model: `").append(r.model().folder()).append("`");
            if (r.model().family() != null) {
                b.append(" (").append(r.model().family()).append(")");
            }
            b.append("\n");
        }
        if (r.groupId() != null) {
            b.append("- group: ").append(r.groupId()).append("\n");
        }
        if (!r.media().isEmpty()) {
            b.append("\n## Media\n\n");
            for (RunRecord.Media m : r.media()) {
                b.append("- ").append(m.kind()).append(" `").append(m.path()).append("` (").append(m.size()).append(" bytes, sha256 ")
                        .append(m.sha256(), 0, Math.min(12, m.sha256().length())).append("…)");
                if (!m.frames().isEmpty()) {
                    b.append(": ").append(m.frames().size()).append(" frames at ");
                    b.append(String.join(", ", m.frames().stream().map(f -> String.format(Locale.ROOT, "#%d %.3f s", f.index(), f.seconds()))
                            .toList()));
                }
                if (!m.ocr().isEmpty()) {
                    b.append("; OCR text: ").append(oneLine(m.ocr(), 200));
                }
                b.append("\n");
            }
        }
        b.append("\n## Question\n\n");
        if (!r.system().isEmpty()) {
            b.append("System prompt: ").append(r.system()).append("\n\n");
        }
        for (RunRecord.Turn t : r.history()) {
            b.append("> **").append(t.role()).append(":** ").append(oneLine(t.text(), 500)).append("\n");
        }
        if (!r.history().isEmpty()) {
            b.append("\n");
        }
        b.append(r.question()).append("\n\n## Settings\n\n");
        settings(b, r.sampling());
        settings(b, r.processor());
        r.assumptions().forEach(a -> b.append("- assumed: ").append(a).append("\n"));
        if (!r.ledger().isEmpty()) {
            b.append("\n## Token ledger\n\n| part | tokens |\n|---|---:|\n");
            int total = 0;
            for (RunRecord.LedgerPart p : r.ledger()) {
                b.append("| ").append(p.part().replace("|", "\\|")).append(" | ").append(p.tokens()).append(" |\n");
                total += p.tokens();
            }
            b.append("| **total** | **").append(total).append("** |\n");
        }
        b.append("\n## Answer\n\n").append(r.answer().isEmpty() ? "*(no text)*" : r.answer()).append("\n");
        RunRecord.Outcome o = r.outcome();
        if (o != null) {
            b.append("\n## Figures\n\n");
            b.append(String.format(Locale.ROOT, "- finish reason: %s%n- prompt tokens: %d (%d visual)%n- generated tokens: %d%n",
                    o.finishReason(), o.promptTokens(), o.visualTokens(), o.generatedTokens()));
            b.append("- time to first token: ").append(o.ttftMs() == null ? "—" : String.format(Locale.ROOT, "%.0f ms", o.ttftMs())).append("\n");
            b.append("- tokens/s: ").append(o.tokensPerSecond() == null ? "—" : String.format(Locale.ROOT, "%.1f", o.tokensPerSecond())).append("\n");
            b.append(String.format(Locale.ROOT, "- total: %.0f ms%n", o.totalMs()));
            if (o.error() != null) {
                b.append("- error: ").append(o.error()).append("\n");
            }
        }
        if (!r.stages().isEmpty()) {
            b.append("\n| stage | start ms | ms |\n|---|---:|---:|\n");
            for (RunRecord.Stage s : r.stages()) {
                b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", s.name(), s.startMs(), s.durationMs()));
            }
        }
        return b.toString();
    }

    private static void settings(StringBuilder b, Map<String, Object> m) {
        m.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append("\n"));
    }

    /** A CSV header line and a row per summary (RFC 4180 quoting). */
    public static String csv(List<RunSummary> rows) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (RunSummary s : rows) {
            List<Object> cells = java.util.Arrays.asList(s.id(), WHEN.format(Instant.ofEpochMilli(s.createdMillis())), s.source(), s.groupId(),
                    s.modelFolder(), s.mediaNames(), s.question(), s.answer(), s.finishReason(), s.promptTokens(), s.visualTokens(),
                    s.generatedTokens(), s.ttftMs(), s.tokensPerSecond(), s.totalMs(), s.error());
            b.append(String.join(",", cells.stream().map(RunExport::cell).toList())).append("\r\n");
        }
        return b.toString();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v);
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Writes {@code text} to {@code file}, creating its folder. */
    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    private static String oneLine(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
