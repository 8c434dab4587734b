package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse serve}'s answers to well-formed requests, over HTTP with the JDK client, on the probe model. */
class ChatCompletionsTest {
    @TempDir
    static Path dir;
    static ServeTestSupport support;
    static GlimpseServer server;

    @BeforeAll
    static void serve() throws Exception {
        support = new ServeTestSupport(dir);
        server = support.start(ServeTestSupport.options(null, 2, 4 << 20, 4 << 20));
    }

    @AfterAll
    static void stop() {
        server.close();
        support.close();
    }

    @Test
    void aChatIsAnsweredWithTheModelsTextAndUsage() throws Exception {
        HttpResponse<String> r = support.post(server, "/v1/chat/completions", ServeTestSupport.question("Hello?", 5, false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = ServeTestSupport.json(r.body());
        assertThat(n.get("object").asText()).isEqualTo("chat.completion");
        assertThat(n.get("model").asText()).isEqualTo("probe");
        JsonNode choice = n.get("choices").get(0);
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isEqualTo("aaaaa");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = n.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt() + 5);
        assertThat(usage.get("glimpse").get("ledger").get("promptTokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt());
        assertThat(usage.get("glimpse").get("timings").get("timeToFirstTokenMs").asDouble()).isPositive();
    }

    @Test
    void aStreamedChatSendsPiecesThenTheFinishThenUsageThenDone() throws Exception {
        HttpResponse<String> r = support.post(server, "/v1/chat/completions", ServeTestSupport.question("Hello?", 4, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<String> events = new ArrayList<>();
        for (String block : r.body().split("\n\n")) {
            assertThat(block).startsWith("data: ");
            events.add(block.substring("data: ".length()));
        }
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 3)) {
            JsonNode chunk = ServeTestSupport.json(e);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            text.append(chunk.get("choices").get(0).get("delta").get("content").asText());
        }
        assertThat(text).hasToString("aaaa");
        assertThat(ServeTestSupport.json(events.get(0)).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        JsonNode finish = ServeTestSupport.json(events.get(events.size() - 3));
        assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = ServeTestSupport.json(events.get(events.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage").get("completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void anImageQuestionWithADataUrlIsPricedAndAnswered() throws Exception {
        String body = "{\"max_tokens\": 3, \"temperature\": 0, \"messages\": [{\"role\": \"user\", \"content\": ["
                + "{\"type\": \"text\", \"text\": \"What is this?\"},"
                + "{\"type\": \"image_url\", \"image_url\": {\"url\": \"" + ServeTestSupport.pngDataUrl(640, 480) + "\"}}]}]}";
        HttpResponse<String> r = support.post(server, "/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = ServeTestSupport.json(r.body());
        assertThat(n.get("choices").get(0).get("message").get("content").asText()).isEqualTo("aaa");
        JsonNode ledger = n.get("usage").get("glimpse").get("ledger");
        assertThat(ledger.get("visualTokens").asInt()).isPositive();

        // the plan extension prices the same request without running it: the same prompt the run counted
        HttpResponse<String> p = support.post(server, "/v1/plan", body);
        assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
        JsonNode planned = ServeTestSupport.json(p.body()).get("ledger");
        assertThat(planned.get("visualTokens").asInt()).as(planned + "\n" + ledger).isEqualTo(ledger.get("visualTokens").asInt());
        assertThat(planned.get("promptTokens").asInt()).as(planned + "\n" + ledger).isEqualTo(n.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void withAllowFilesALocalPathIsAnImageToo() throws Exception {
        String url = ServeTestSupport.pngDataUrl(320, 240);
        Path image = dir.resolve("local.png");
        java.nio.file.Files.write(image, java.util.Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)));
        String body = "{\"max_tokens\": 2, \"temperature\": 0, \"messages\": [{\"role\": \"user\", \"content\": ["
                + "{\"type\": \"text\", \"text\": \"?\"}, {\"type\": \"image_url\", \"image_url\": {\"url\": \""
                + image.toUri() + "\"}}]}]}";
        try (GlimpseServer files = support.start(new ServeOptions("127.0.0.1", 0, null, true, 1 << 20, 1 << 20, 1, 4))) {
            HttpResponse<String> r = support.post(files, "/v1/chat/completions", body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode n = ServeTestSupport.json(r.body());
            assertThat(n.get("choices").get(0).get("message").get("content").asText()).isEqualTo("aa");
            JsonNode segment = n.get("usage").get("glimpse").get("ledger").get("segments").get(2);
            assertThat(segment.get("source").asText()).isEqualTo("local.png");
        }
        // the same request to a server without --allow-files is refused (ServeErrorsTest), the file untouched
        assertThat(image).exists();
    }

    @Test
    void logprobsComeWithEachTokenAndItsAlternatives() throws Exception {
        String body = "{\"max_tokens\": 3, \"temperature\": 0, \"logprobs\": true, \"top_logprobs\": 2,"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
        HttpResponse<String> r = support.post(server, "/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode content = ServeTestSupport.json(r.body()).get("choices").get(0).get("logprobs").get("content");
        assertThat(content).hasSize(3);
        for (JsonNode t : content) {
            assertThat(t.get("token").asText()).isEqualTo("a");
            assertThat(t.get("logprob").asDouble()).isNegative().isGreaterThan(-1e9);
            assertThat(t.get("bytes").get(0).asInt()).isEqualTo(97);
            assertThat(t.get("top_logprobs")).hasSize(2);
            assertThat(t.get("top_logprobs").get(0).get("token").asText()).isEqualTo("a");
        }
        // without logprobs the field stays absent, as OpenAI leaves it null
        HttpResponse<String> plain = support.post(server, "/v1/chat/completions", ServeTestSupport.question("Hi", 1, false));
        assertThat(ServeTestSupport.json(plain.body()).get("choices").get(0).has("logprobs")).isFalse();
    }

    @Test
    void aStopStringEndsTheAnswerBeforeIt() throws Exception {
        String body = "{\"max_tokens\": 8, \"temperature\": 0, \"stop\": [\"aaa\"], \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
        HttpResponse<String> r = support.post(server, "/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode choice = ServeTestSupport.json(r.body()).get("choices").get(0);
        assertThat(choice.get("message").get("content").asText()).isEmpty();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void theModelsListNamesTheServedModel() throws Exception {
        HttpResponse<String> r = support.get(server, "/v1/models", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = ServeTestSupport.json(r.body());
        assertThat(n.get("object").asText()).isEqualTo("list");
        assertThat(n.get("data").get(0).get("id").asText()).isEqualTo("probe");
        assertThat(n.get("data").get(0).get("object").asText()).isEqualTo("model");
    }
}
