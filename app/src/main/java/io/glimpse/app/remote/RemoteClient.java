package io.glimpse.app.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A client of an OpenAI-compatible server (vLLM, llama.cpp's server, {@code glimpse serve}) on the
 * JDK's HttpClient: {@code GET /v1/models} and a streamed {@code POST /v1/chat/completions}.
 * Every failure becomes a sentence for the user; a failure part-way keeps the text received.
 *
 * <p>Thread-safe (the HttpClient is); each {@link #chat} call runs on its caller's thread plus one
 * reader thread for the stream, so that a silent server is noticed and a cancel acts at once.
 */
public final class RemoteClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long POLL_MS = 50;
    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final Object END = new Object();

    private final RemoteEndpoint endpoint;
    private final HttpClient http;

    public RemoteClient(RemoteEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout()).build();
    }

    public RemoteEndpoint endpoint() {
        return endpoint;
    }

    /** The model ids the server lists: the connection test, and the model when none was named. */
    public List<String> models(CancelToken cancel) throws RemoteException {
        URI uri = endpoint.resolve("models");
        HttpResponse<InputStream> response = send(request(uri).GET().build(), cancel);
        if (response == null) {
            throw new RemoteException("cancelled");
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(ERROR_BODY_LIMIT);
            if (response.statusCode() != 200) {
                throw new RemoteException(RemoteErrors.status(uri, response.statusCode(), body,
                        response.headers().firstValue("Retry-After").orElse(null)));
            }
            JsonNode data = MAPPER.readTree(body).path("data");
            List<String> ids = new ArrayList<>();
            data.forEach(m -> ids.add(m.path("id").asText()));
            return ids;
        } catch (JsonProcessingException e) {
            throw new RemoteException(uri + " answered, but not with JSON: is this an OpenAI-compatible server?", e);
        } catch (IOException e) {
            throw new RemoteException("reading the answer of " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a chat-completions body (with {@code stream: true}) and streams its text to {@code onText}
     * on this thread. Returns CANCELLED when {@code cancel} was set, ERROR with the text so far when the
     * stream failed part-way.
     *
     * @throws RemoteException when no answer started: refused connection, timeout, an HTTP error status
     */
    public RemoteResult chat(ObjectNode body, Consumer<String> onText, CancelToken cancel) throws RemoteException {
        URI uri = endpoint.resolve("chat/completions");
        HttpRequest request = request(uri).header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = send(request, cancel);
        if (response == null) {
            return new RemoteResult("", FinishReason.CANCELLED, -1, 0, false, ms(t0), -1, ms(t0), null);
        }
        double requestMs = ms(t0);
        InputStream in = response.body();
        try {
            if (response.statusCode() != 200) {
                byte[] error = in.readNBytes(ERROR_BODY_LIMIT);
                throw new RemoteException(RemoteErrors.status(uri, response.statusCode(), error,
                        response.headers().firstValue("Retry-After").orElse(null)));
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            StreamState state = new StreamState(t0, requestMs, onText);
            if (!type.contains("text/event-stream")) {
                // a server that ignores stream: true answers with one JSON completion
                state.whole(in.readAllBytes());
            } else {
                stream(in, state, cancel);
            }
            return state.result();
        } catch (IOException e) {
            throw new RemoteException("reading the answer of " + uri + " failed: " + e.getMessage(), e);
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(endpoint.connectTimeout());
        if (endpoint.apiKey() != null) {
            b.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return b;
    }

    /** Sends and waits for the response headers, checking {@code cancel}; null when cancelled. */
    private HttpResponse<InputStream> send(HttpRequest request, CancelToken cancel) throws RemoteException {
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        while (true) {
            if (cancel.isCancelled()) {
                future.cancel(true);
                return null;
            }
            try {
                return future.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the cancel flag again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                return null;
            } catch (ExecutionException e) {
                throw RemoteErrors.sending(request.uri(), e.getCause(), endpoint.connectTimeout());
            }
        }
    }

    /** Reads the lines on a helper thread so that this thread can notice silence and cancels. */
    private void stream(InputStream in, StreamState state, CancelToken cancel) {
        java.util.concurrent.BlockingQueue<Object> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
                lines.add(END);
            } catch (IOException e) {
                lines.add(e);
            }
        }, "glimpse-remote-stream");
        reader.setDaemon(true);
        reader.start();
        SseEvents events = new SseEvents();
        long idleLimitMs = endpoint.idleTimeout().toMillis();
        long lastMs = System.nanoTime() / 1_000_000;
        try {
            while (!state.done()) {
                if (cancel.isCancelled()) {
                    state.cancelled();
                    return;
                }
                Object item;
                try {
                    item = lines.poll(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    state.cancelled();
                    return;
                }
                long now = System.nanoTime() / 1_000_000;
                if (item == null) {
                    if (now - lastMs > idleLimitMs) {
                        state.fail("the server sent nothing for " + RemoteErrors.seconds(endpoint.idleTimeout())
                                + " in the middle of the answer (a stalled or overloaded server)");
                    }
                    continue;
                }
                lastMs = now;
                if (item == END) {
                    String last = events.flush();
                    if (last != null) {
                        state.event(last);
                    }
                    state.ended();
                } else if (item instanceof IOException e) {
                    state.fail("the connection broke in the middle of the answer (" + RemoteErrors.describe(e) + ")");
                } else {
                    String event = events.line((String) item);
                    if (event != null) {
                        state.event(event);
                    }
                }
            }
        } finally {
            reader.interrupt(); // a read blocked on a silent server gives up with the stream closed below
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
