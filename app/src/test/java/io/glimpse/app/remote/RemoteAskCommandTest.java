package io.glimpse.app.remote;

import static io.glimpse.app.remote.ScriptedServer.DONE;
import static io.glimpse.app.remote.ScriptedServer.delta;
import static io.glimpse.app.remote.ScriptedServer.finish;
import static io.glimpse.app.remote.ScriptedServer.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code glimpse ask --endpoint}: the answer on stdout, the diagnostics on stderr, each failure a clear exit. */
class RemoteAskCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run glimpse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anAskAtAnEndpointStreamsTheAnswerAndComparesTheTokenCounts() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Hello"), delta("!"), finish("stop"), usage(20, 2), DONE))) {
            Run r = glimpse("ask", "--endpoint", s.url(), "--remote-model", "m", "--api-key", "k", "--greedy", "Hi there");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("Hello!" + System.lineSeparator());
            assertThat(r.err()).contains("the server counted 20: difference")
                    .contains("glimpse: STOP on m (remote, " + s.url() + "); prompt 20 tokens; 2 generated; first token ");
            assertThat(s.received.get(0).authorization()).isEqualTo("Bearer k");
        }
    }

    @Test
    void jsonHoldsTheLedgerTheUsageAndTheDifference() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Yes"), finish("stop"), usage(20, 1), DONE))) {
            Run r = glimpse("ask", "--endpoint", s.url(), "--remote-model", "m", "--json", "Hi there");
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode n = RemoteClient.MAPPER.readTree(r.out());
            assertThat(n.get("answer").asText()).isEqualTo("Yes");
            assertThat(n.at("/usage/promptTokens").asInt()).isEqualTo(20);
            assertThat(n.at("/ledger/difference").asInt()).isEqualTo(20 - n.at("/ledger/promptTokens").asInt());
            assertThat(n.at("/timings/stages/prefill").isNumber()).isTrue();
        }
    }

    @Test
    void aCutStreamKeepsThePartialAnswerAndExitsWithOne() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Half an ")))) {
            Run r = glimpse("ask", "--endpoint", s.url(), "--remote-model", "m", "Hi");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).startsWith("Half an ");
            assertThat(r.err()).contains("glimpse: remote answer failed: the stream ended before the answer did")
                    .contains("(the 8 characters received are kept above)");
        }
    }

    @Test
    void aRefusedKeyIsOneLineAndExitCodeOne() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(401, "{\"error\":{\"message\":\"bad key\"}}"))) {
            Run r = glimpse("ask", "--endpoint", s.url(), "--remote-model", "m", "Hi");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("glimpse: the server refused the API key (HTTP 401); give the right one with --api-key: bad key"
                    + System.lineSeparator());
        }
    }

    @Test
    void neitherModelNorEndpointIsAUsageError() {
        Run r = glimpse("ask", "Hi");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give --model DIR (a model folder), or --endpoint URL");
    }
}
