package io.glimpse.app.remote;

import static io.glimpse.app.remote.ScriptedServer.DONE;
import static io.glimpse.app.remote.ScriptedServer.delta;
import static io.glimpse.app.remote.ScriptedServer.finish;
import static io.glimpse.app.remote.ScriptedServer.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.media.CancelToken;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client against a scripted server: a streamed answer with usage, and each way a server can fail. */
class RemoteClientTest {
    private static RemoteClient client(ScriptedServer s, Duration connect, Duration idle) {
        return new RemoteClient(RemoteEndpoint.of(s.url(), "sk-test", "hcx").withTimeouts(connect, idle));
    }

    private static RemoteClient client(ScriptedServer s) {
        return client(s, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private static ObjectNode body() {
        ObjectNode b = RemoteClient.MAPPER.createObjectNode().put("model", "hcx").put("stream", true);
        b.putArray("messages").addObject().put("role", "user").put("content", "hi");
        return b;
    }

    @Test
    void aStreamedAnswerArrivesPieceByPieceWithTheServersUsage() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, ": keep-alive\n\n", delta("Hel"), delta("lo"),
                delta(" world"), finish("stop"), usage(321, 3), DONE))) {
            List<String> pieces = new ArrayList<>();
            RemoteResult r = client(s).chat(body(), pieces::add, CancelToken.NONE);

            assertThat(r.error()).isNull();
            assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(pieces).containsExactly("Hel", "lo", " world");
            assertThat(r.text()).isEqualTo("Hello world");
            assertThat(r.promptTokens()).isEqualTo(321);
            assertThat(r.completionTokens()).isEqualTo(3);
            assertThat(r.usageReported()).isTrue();
            assertThat(r.timeToFirstTokenMs()).isPositive().isLessThanOrEqualTo(r.totalMs());
            ScriptedServer.Received got = s.received.get(0);
            assertThat(got.path()).isEqualTo("/v1/chat/completions");
            assertThat(got.authorization()).isEqualTo("Bearer sk-test");
        }
    }

    @Test
    void aLengthFinishAndAMissingUsageAreReportedAsSuch() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("a"), delta("b"), finish("length"), DONE))) {
            RemoteResult r = client(s).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(r.promptTokens()).isEqualTo(-1);
            assertThat(r.usageReported()).isFalse();
            assertThat(r.completionTokens()).isEqualTo(2); // the chunks, counted
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RemoteClient c = new RemoteClient(RemoteEndpoint.of("http://127.0.0.1:" + port, null, "m"));
        assertThatThrownBy(() -> c.chat(body(), p -> { }, CancelToken.NONE))
                .isInstanceOf(RemoteException.class)
                .hasMessage("cannot connect to http://127.0.0.1:" + port + ": connection refused (is the server running, on that port?)");
    }

    @Test
    void a401NamesTheApiKeyAndQuotesTheServer() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(401, "{\"error\":{\"message\":\"Invalid API key\"}}"))) {
            assertThatThrownBy(() -> client(s).chat(body(), p -> { }, CancelToken.NONE))
                    .hasMessage("the server refused the API key (HTTP 401); give the right one with --api-key: Invalid API key");
        }
    }

    @Test
    void a429SaysWhenToRetry() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(429, "{\"error\":{\"message\":\"queue full\"}}", "Retry-After", "7"))) {
            assertThatThrownBy(() -> client(s).chat(body(), p -> { }, CancelToken.NONE))
                    .hasMessage("the server is busy or rate-limited (HTTP 429); it asks to retry after 7 s: queue full");
        }
    }

    @Test
    void a500QuotesAPlainTextBody() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(500, "CUDA out of memory"))) {
            assertThatThrownBy(() -> client(s).chat(body(), p -> { }, CancelToken.NONE))
                    .hasMessage("the server failed (HTTP 500): CUDA out of memory");
        }
    }

    @Test
    void aStreamCutMidwayKeepsThePartialAnswer() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("The cat "), delta("sat")))) {
            RemoteResult r = client(s).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.finishReason()).isEqualTo(FinishReason.ERROR);
            assertThat(r.text()).isEqualTo("The cat sat");
            assertThat(r.error()).startsWith("the stream ended before the answer did");
        }
    }

    @Test
    void malformedSseStopsWithTheAnswerSoFar() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Half"), "data: {\"choices\": [oops\n\n", delta("never")))) {
            RemoteResult r = client(s).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.finishReason()).isEqualTo(FinishReason.ERROR);
            assertThat(r.text()).isEqualTo("Half");
            assertThat(r.error()).isEqualTo("the server sent malformed SSE: a data line that is not JSON ('{\"choices\": [oops')");
        }
    }

    @Test
    void anErrorObjectMidStreamIsShownWithThePartialAnswer() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Par"),
                "data: {\"error\":{\"message\":\"engine died\",\"code\":500}}\n\n"))) {
            RemoteResult r = client(s).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.text()).isEqualTo("Par");
            assertThat(r.error()).isEqualTo("the server reported an error mid-answer: engine died");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ScriptedServer s = new ScriptedServer(x -> Thread.sleep(10_000))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> client(s, Duration.ofMillis(400), Duration.ofSeconds(10)).chat(body(), p -> { }, CancelToken.NONE))
                    .hasMessage("no response from " + s.url() + " within 0.4 s (a slow or stuck server)");
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(5000);
        }
    }

    @Test
    void aServerThatStallsMidAnswerTimesOutWithThePartialAnswer() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(10_000, delta("Slow ")))) {
            long t0 = System.nanoTime();
            RemoteResult r = client(s, Duration.ofSeconds(10), Duration.ofMillis(400)).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.finishReason()).isEqualTo(FinishReason.ERROR);
            assertThat(r.text()).isEqualTo("Slow ");
            assertThat(r.error()).startsWith("the server sent nothing for 0.4 s in the middle of the answer");
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(5000);
        }
    }

    @Test
    void aCancelEndsAStalledStreamAtOnce() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(10_000, delta("Going ")))) {
            CancelToken cancel = new CancelToken();
            RemoteResult r = client(s).chat(body(), p -> cancel.cancel(), cancel);
            assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(r.text()).isEqualTo("Going ");
        }
    }

    @Test
    void aServerThatIgnoresStreamingStillAnswers() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\","
                + "\"content\":\"All at once\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}"))) {
            RemoteResult r = client(s).chat(body(), p -> { }, CancelToken.NONE);
            assertThat(r.text()).isEqualTo("All at once");
            assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(r.promptTokens()).isEqualTo(12);
        }
    }

    @Test
    void modelsListsTheServersIds() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"naver-hyperclovax/HyperCLOVAX-SEED-Vision-Instruct-3B\"},{\"id\":\"other\"}]}"))) {
            assertThat(client(s).models(CancelToken.NONE)).containsExactly("naver-hyperclovax/HyperCLOVAX-SEED-Vision-Instruct-3B", "other");
            assertThat(s.received.get(0).path()).isEqualTo("/v1/models");
        }
    }

    @Test
    void aBaseUrlWithV1IsNotDoubled() {
        assertThat(RemoteEndpoint.of("http://h:8000/v1/", null, null).resolve("models").toString()).isEqualTo("http://h:8000/v1/models");
        assertThat(RemoteEndpoint.of("http://h:8000", null, null).resolve("models").toString()).isEqualTo("http://h:8000/v1/models");
        assertThatThrownBy(() -> RemoteEndpoint.of("h:8000", null, null)).hasMessageContaining("http:// or https://");
    }

    static JsonNode json(String s) throws Exception {
        return RemoteClient.MAPPER.readTree(s);
    }
}
