package io.glimpse.app.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.VisionLanguageModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible HTTP API over one loaded vision-language model.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} rather than Javalin: it ships with the JDK (no new
 * dependency tree for an offline build), does chunked streaming for server-sent events, and the model,
 * not the HTTP layer, is the bottleneck here (one run at a time), so a handler thread per admitted
 * request is cheap. Refusals (429), {@code /v1/models} and {@code /v1/plan} are answered while the
 * queue is full.
 */
public final class GlimpseServer implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DRAIN_BYTES = 64L << 20;

    private final ServeOptions options;
    private final HttpServer http;
    private final ExecutorService threads;
    private final ChatEndpoint chat;
    private final byte[] apiKey;

    private GlimpseServer(ServeOptions options, HttpServer http, ExecutorService threads, ChatEndpoint chat) {
        this.options = options;
        this.http = http;
        this.threads = threads;
        this.chat = chat;
        this.apiKey = options.apiKey() == null ? null : ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Listens at once; the caller keeps owning {@code model} and {@code plan} and closes them after this.
     *
     * @param defaults the model's sampling settings, which a request's fields override
     */
    public static GlimpseServer start(ServeOptions options, VisionLanguageModel model, PlanContext plan, String modelId,
                                      SamplingParams defaults, ServeReporting reporting) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        // a thread per open request: a fixed pool would hold requests beyond its size in its own unbounded
        // queue, out of sight of the bounded run queue (no 429, a growing wait); refused ones end at once
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "glimpse-serve");
            t.setDaemon(true);
            return t;
        });
        ChatEndpoint chat = new ChatEndpoint(options, model, plan, modelId, reporting, defaults, new RunQueue(options.queue()));
        GlimpseServer s = new GlimpseServer(options, http, threads, chat);
        http.setExecutor(threads);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** The port listened on (the chosen one when started with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The finish reason of the latest run ({@code CANCELLED} after a client went away), for diagnostics and tests. */
    public String lastFinishReason() {
        return chat.lastFinishReason();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (ApiError e) {
                send(ex, e.status, e.json(MAPPER));
            } catch (RuntimeException e) {
                send(ex, 500, new ApiError(500, "server_error", null, null, "internal error: " + e).json(MAPPER));
            }
        } catch (IOException gone) {
            // the client went away while an answer was written: nothing left to tell it
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (apiKey != null && !authorized(ex)) {
            throw new ApiError(401, "invalid_request_error", null, "invalid_api_key",
                    "missing or wrong API key: send Authorization: Bearer KEY");
        }
        switch (path) {
            case "/v1/models" -> {
                method(ex, "GET");
                send(ex, 200, chat.models());
            }
            case "/v1/chat/completions" -> {
                method(ex, "POST");
                chat.complete(ex, body(ex));
            }
            case "/v1/plan" -> {
                method(ex, "POST");
                send(ex, 200, chat.plan(body(ex)));
            }
            default -> throw new ApiError(404, "invalid_request_error", null, "not_found", "no endpoint " + path
                    + " (there are GET /v1/models, POST /v1/chat/completions and POST /v1/plan)");
        }
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        return h != null && MessageDigest.isEqual(apiKey, h.getBytes(StandardCharsets.UTF_8));
    }

    private static void method(HttpExchange ex, String expected) {
        if (!ex.getRequestMethod().equals(expected)) {
            throw new ApiError(405, "invalid_request_error", null, "method_not_allowed", ex.getRequestURI().getPath()
                    + " takes " + expected + ", not " + ex.getRequestMethod());
        }
    }

    /** The body as JSON: over the limit 413 (without reading it all), malformed 400 naming the field being read. */
    private JsonNode body(HttpExchange ex) throws IOException {
        long limit = options.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            if (declared != null && parseLong(declared) > limit) {
                drain(in);
                throw tooLarge(parseLong(declared), limit);
            }
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                drain(in);
                throw tooLarge(-1, limit);
            }
        }
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw ApiError.invalid(null, "the request body is empty; send a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            String field = e.getProcessor() instanceof JsonParser p ? p.getParsingContext().getCurrentName() : null;
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiError.invalid(field, "the request body is not valid JSON" + where
                    + (field == null ? "" : " (in field '" + field + "')") + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Reads and drops the rest of a refused body (up to {@value #DRAIN_BYTES} bytes): closing a socket with
     * unread input resets it, and the client would lose the 413 it is owed to a "connection reset".
     */
    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_BYTES;
        byte[] buffer = new byte[64 << 10];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiError tooLarge(long size, long limit) {
        return new ApiError(413, "invalid_request_error", null, "request_too_large", "the request body is "
                + (size < 0 ? "over " + limit : size) + " bytes; this server takes at most " + limit
                + " (a larger limit: glimpse serve --max-body-bytes)");
    }

    static void send(HttpExchange ex, int status, ObjectNode json) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
