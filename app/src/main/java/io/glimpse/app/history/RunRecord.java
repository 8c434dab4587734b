package io.glimpse.app.history;

import java.util.List;
import java.util.Map;

/**
 * One run as the history keeps it: everything needed to see what went in, what came out, and to run
 * it again exactly (the same files, the same frames, the same seed). Immutable; written as JSON
 * (Jackson) into the database, so a field added later reads as null from older records.
 *
 * @param source          who ran it: "window", "ask", "generate" or "batch"
 * @param groupId         the compare, sweep or batch it belongs to, or null
 * @param createdMillis   when it started (epoch milliseconds)
 * @param model           the model folder and what identifies its contents
 * @param media           the images and videos sent, in order
 * @param system          the system prompt ("" for none)
 * @param history         earlier turns sent as history, oldest first
 * @param question        the question
 * @param sampling        sampling settings as the generator got them (temperature, top_k, ..., seed, max_new_tokens)
 * @param processor       processor settings (max grids, frame options, budget ...)
 * @param assumptions     what was assumed where the model's files were silent, in words
 * @param ledger          the token ledger: part name to tokens, in order
 * @param stages          stage timings, in order
 * @param answer          the answer text (what was generated before a stop or an error)
 * @param outcome         counts and speeds
 */
public record RunRecord(String source, String groupId, long createdMillis, Model model, List<Media> media, String system,
                        List<Turn> history, String question, Map<String, Object> sampling, Map<String, Object> processor,
                        List<String> assumptions, List<LedgerPart> ledger, List<Stage> stages, String answer, Outcome outcome) {
    public RunRecord {
        media = media == null ? List.of() : List.copyOf(media);
        history = history == null ? List.of() : List.copyOf(history);
        // ordered, and null values allowed (a seed of null means "random")
        sampling = sampling == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sampling));
        processor = processor == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(processor));
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
        ledger = ledger == null ? List.of() : List.copyOf(ledger);
        stages = stages == null ? List.of() : List.copyOf(stages);
        system = system == null ? "" : system;
        question = question == null ? "" : question;
        answer = answer == null ? "" : answer;
    }

    /**
     * The model folder, and a SHA-256 over the names, sizes and modification times of its config and
     * graph files (cheap on a 2 GB folder, and changes when any of them is replaced).
     */
    public record Model(String folder, String family, String filesHash) {
    }

    /**
     * An image or a video sent. {@code frames} holds the video frames actually sent (empty for an image).
     */
    public record Media(String kind, String path, long size, String sha256, List<Frame> frames, String ocr) {
        public Media {
            frames = frames == null ? List.of() : List.copyOf(frames);
        }
    }

    /** A video frame sent: its index in the stream and its time in seconds. */
    public record Frame(long index, double seconds) {
    }

    /** An earlier turn: "user" or "assistant", and its text. */
    public record Turn(String role, String text) {
    }

    /** One part of the ledger. */
    public record LedgerPart(String part, int tokens) {
    }

    /** A stage of the run: its name, start and duration in milliseconds. */
    public record Stage(String name, double startMs, double durationMs) {
    }

    /**
     * @param finishReason     why generation ended ("stop", "length", "cancelled", "error" ...)
     * @param promptTokens     tokens in the prompt
     * @param visualTokens     of which visual
     * @param generatedTokens  tokens generated
     * @param ttftMs           time to first token, or null when none came
     * @param tokensPerSecond  generation speed, or null
     * @param totalMs          the whole run
     * @param error            what failed, or null
     */
    public record Outcome(String finishReason, int promptTokens, int visualTokens, int generatedTokens, Double ttftMs,
                          Double tokensPerSecond, double totalMs, String error) {
    }

    /** The same record with another model (a remote endpoint, say). */
    public RunRecord withModel(Model other) {
        return new RunRecord(source, groupId, createdMillis, other, media, system, history, question, sampling, processor, assumptions,
                ledger, stages, answer, outcome);
    }

    /** The same record as one of the group {@code id} (a compare, sweep or batch) from {@code source}. */
    public RunRecord inGroup(String newSource, String id) {
        return new RunRecord(newSource, id, createdMillis, model, media, system, history, question, sampling, processor, assumptions,
                ledger, stages, answer, outcome);
    }

    /** The file names of the media, space-separated (what the pane shows and searches). */
    public String mediaNames() {
        return String.join(" ", media.stream().map(m -> java.nio.file.Path.of(m.path()).getFileName().toString()).toList());
    }
}
