package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time: a full queue answers 429, and a client that goes away cancels its generation. */
class ServeQueueTest {
    @TempDir
    static Path dir;
    static ServeTestSupport support;

    @BeforeAll
    static void load() throws Exception {
        support = new ServeTestSupport(dir);
    }

    @AfterAll
    static void close() {
        support.close();
    }

    @Test
    void aFullQueueIs429AndADisconnectedClientsGenerationIsCancelled() throws Exception {
        try (GlimpseServer server = support.start(ServeTestSupport.options(null, 0, 1 << 20, 1 << 20))) {
            // a long streamed answer, read up to its first piece on a plain socket so that the test can cut it
            String body = ServeTestSupport.question("hi", 8000, true);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.startsWith("data: "));
                assertThat(line).contains("\"content\":\"a\"");

                // the model is busy and the queue holds none: refused at once, in OpenAI's shape
                HttpResponse<String> busy = support.post(server, "/v1/chat/completions", ServeTestSupport.question("hi", 2, false));
                assertThat(busy.statusCode()).as(busy.body()).isEqualTo(429);
                JsonNode e = ServeTestSupport.json(busy.body()).get("error");
                assertThat(e.get("type").asText()).isEqualTo("rate_limit_error");
                assertThat(e.get("code").asText()).isEqualTo("queue_full");
                // the plan and the model list do not wait for the model
                assertThat(support.get(server, "/v1/models", null).statusCode()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"CANCELLED".equals(server.lastFinishReason()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.lastFinishReason()).isEqualTo("CANCELLED");
            HttpResponse<String> next = support.post(server, "/v1/chat/completions", ServeTestSupport.question("hi", 2, false));
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        }
    }

    @Test
    void serveRefusesAHostOtherMachinesReachWithoutAnApiKeyBeforeLoading() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"serve", "--model", dir.resolve("missing").toString(), "--host", "0.0.0.0"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--api-key").contains("0.0.0.0");
    }
}
