package io.glimpse.app.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers every request with one scripted behaviour, and keeps what it was
 * sent: the stand-in for vLLM or llama.cpp in the client's tests.
 */
public final class ScriptedServer implements AutoCloseable {
    /** What to do with one exchange. */
    @FunctionalInterface
    public interface Script {
        void handle(HttpExchange exchange) throws Exception;
    }

    public record Received(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // a thread per exchange: a script that stalls must not hold up the next test's requests
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
                script.handle(exchange);
            } catch (Exception e) {
                // the client hung up, or a stall was interrupted: nothing to answer
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Status and body, as JSON. */
    public static Script json(int status, String body, String... headers) {
        return x -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                x.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            x.getResponseHeaders().add("Content-Type", "application/json");
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length);
            x.getResponseBody().write(b);
        };
    }

    /** An event stream of these raw SSE lines' text, each flushed on its own, {@code pauseMs} after the last one. */
    public static Script sse(long pauseMs, String... events) {
        return x -> {
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            for (String e : events) {
                out.write(e.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            Thread.sleep(pauseMs);
        };
    }

    /** One streamed chunk with a text delta. */
    public static String delta(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(text) + "},\"finish_reason\":null}]}\n\n";
    }

    public static String finish(String reason) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }

    public static String usage(int prompt, int completion) {
        return "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}\n\n";
    }

    public static final String DONE = "data: [DONE]\n\n";

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
