package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A streamed answer as OpenAI's server-sent events: a chunk per piece of text, then one with the finish
 * reason, one with {@code usage} (and no choices, as OpenAI sends it), then {@code [DONE]}.
 *
 * <p>The 200 goes out with the first piece, not before: a request refused by the pipeline before it
 * answers (too long for the context, an unreadable image) still gets its JSON error and status. A write
 * that fails means the client went away, and cancels the generation instead of running it to the end.
 */
final class ChatStream implements AskListener {
    private final HttpExchange exchange;
    private final CancelToken cancel;
    private final ObjectNode base;
    private OutputStream out;
    private boolean gone;
    private boolean roleSent;

    ChatStream(HttpExchange exchange, CancelToken cancel, ObjectNode base) {
        this.exchange = exchange;
        this.cancel = cancel;
        this.base = base;
        base.put("object", "chat.completion.chunk");
    }

    @Override
    public void onText(String piece) {
        ObjectNode chunk = base.deepCopy();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (!roleSent) {
            delta.put("role", "assistant");
            roleSent = true;
        }
        delta.put("content", piece);
        choice.putNull("finish_reason");
        event(chunk.toString());
    }

    void finish(String finishReason, ObjectNode usage, String error) {
        if (error != null) {
            ObjectNode e = new ApiError(500, "server_error", null, "generation_failed", "generation failed: " + error)
                    .json(GlimpseServer.MAPPER);
            event(e.toString());
        } else {
            ObjectNode last = base.deepCopy();
            ObjectNode choice = last.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta");
            choice.put("finish_reason", finishReason);
            event(last.toString());
            ObjectNode u = base.deepCopy();
            u.putArray("choices");
            u.set("usage", usage);
            event(u.toString());
        }
        event("[DONE]");
    }

    private void event(String data) {
        if (gone) {
            return;
        }
        try {
            if (out == null) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0); // 0: chunked, each flush reaches the client
                out = exchange.getResponseBody();
            }
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
            cancel.cancel();
        }
    }
}
