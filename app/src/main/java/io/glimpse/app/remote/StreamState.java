package io.glimpse.app.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.generate.FinishReason;
import java.util.function.Consumer;

/**
 * Reads the chat-completion chunks of one answer: the text deltas, the finish reason, the usage of
 * the last chunk, and when the stream counts as finished or broken. Not thread-safe: one per answer.
 */
final class StreamState {
    private final long t0;
    private final double requestMs;
    private final Consumer<String> onText;
    private final StringBuilder text = new StringBuilder();
    private double firstMs = -1;
    private double lastMs = -1;
    private int chunks;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private String serverFinish;
    private FinishReason finish;
    private String error;

    StreamState(long t0, double requestMs, Consumer<String> onText) {
        this.t0 = t0;
        this.requestMs = requestMs;
        this.onText = onText;
    }

    boolean done() {
        return finish != null;
    }

    /** One SSE event's data: a chunk, an error object, or {@code [DONE]}. */
    void event(String data) {
        if (done()) {
            return;
        }
        if (data.strip().equals("[DONE]")) {
            finish = finishReason();
            return;
        }
        JsonNode n;
        try {
            n = RemoteClient.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            fail("the server sent malformed SSE: a data line that is not JSON (" + abbreviate(data) + ")");
            return;
        }
        if (n == null || !n.isObject()) {
            fail("the server sent malformed SSE: a data line that is not a JSON object (" + abbreviate(data) + ")");
            return;
        }
        chunk(n);
    }

    /** A whole non-streamed completion (a server that ignored {@code stream: true}). */
    void whole(byte[] body) {
        JsonNode n;
        try {
            n = RemoteClient.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            fail("the server answered with neither an event stream nor JSON: " + abbreviate(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        JsonNode message = n.path("choices").path(0).path("message");
        if (message.isMissingNode()) {
            fail("the server's answer has no choices[0].message: " + abbreviate(n.toString()));
            return;
        }
        chunk(n);
        ended();
    }

    private void chunk(JsonNode n) {
        if (n.hasNonNull("error")) {
            JsonNode e = n.get("error");
            fail("the server reported an error mid-answer: " + (e.isTextual() ? e.asText() : e.path("message").asText(e.toString())));
            return;
        }
        JsonNode choice = n.path("choices").path(0);
        String piece = choice.path("delta").path("content").asText(choice.path("message").path("content").asText(""));
        if (!piece.isEmpty()) {
            double now = (System.nanoTime() - t0) / 1e6;
            if (firstMs < 0) {
                firstMs = now;
            }
            lastMs = now;
            chunks++;
            text.append(piece);
            onText.accept(piece);
        }
        if (choice.hasNonNull("finish_reason")) {
            serverFinish = choice.get("finish_reason").asText();
        }
        JsonNode usage = n.path("usage");
        if (usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asInt(-1);
            completionTokens = usage.path("completion_tokens").asInt(-1);
        }
    }

    /** The stream ended without {@code [DONE]}: fine when a finish reason came, else cut mid-way. */
    void ended() {
        if (done()) {
            return;
        }
        if (serverFinish == null) {
            fail("the stream ended before the answer did (no finish_reason and no [DONE]): the server closed the connection mid-answer");
        } else {
            finish = finishReason();
        }
    }

    void fail(String message) {
        if (!done()) {
            error = message;
            finish = FinishReason.ERROR;
        }
    }

    void cancelled() {
        if (!done()) {
            finish = FinishReason.CANCELLED;
        }
    }

    RemoteResult result() {
        double total = (System.nanoTime() - t0) / 1e6;
        boolean usage = completionTokens >= 0;
        // without usage the chunks are counted: servers send about one token per chunk
        return new RemoteResult(text.toString(), finish, promptTokens, usage ? completionTokens : chunks, usage,
                requestMs, firstMs, finish == FinishReason.STOP || finish == FinishReason.LENGTH ? Math.max(lastMs, total) : total, error);
    }

    private FinishReason finishReason() {
        return "length".equals(serverFinish) ? FinishReason.LENGTH : FinishReason.STOP;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ').strip();
        return one.length() > 80 ? "'" + one.substring(0, 80) + "…'" : "'" + one + "'";
    }
}
