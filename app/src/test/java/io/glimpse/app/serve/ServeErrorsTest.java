package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of {@code glimpse serve}: status and OpenAI's error shape, the field named where there is one. */
class ServeErrorsTest {
    @TempDir
    static Path dir;
    static ServeTestSupport support;
    static GlimpseServer server;

    @BeforeAll
    static void serve() throws Exception {
        support = new ServeTestSupport(dir);
        server = support.start(ServeTestSupport.options(null, 2, 64 << 10, 8 << 10));
    }

    @AfterAll
    static void stop() {
        server.close();
        support.close();
    }

    private static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode e = ServeTestSupport.json(r.body()).get("error");
        assertThat(e.fieldNames()).toIterable().containsExactly("message", "type", "param", "code");
        assertThat(e.get("message").asText()).isNotBlank();
        return e;
    }

    private HttpResponse<String> chat(String body) throws Exception {
        return support.post(server, "/v1/chat/completions", body);
    }

    @Test
    void malformedJsonIs400NamingTheFieldBeingRead() throws Exception {
        JsonNode e = error(chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": }"), 400);
        assertThat(e.get("param").asText()).isEqualTo("temperature");
        assertThat(e.get("message").asText()).contains("not valid JSON").contains("line 1");
        assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aFieldOfTheWrongTypeIs400NamingIt() throws Exception {
        JsonNode e = error(chat("{\"max_tokens\": \"five\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("max_tokens");
        e = error(chat("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"audio\"}]}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("messages[0].content[0].type");
        e = error(chat("{\"messages\": []}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("messages");
        e = error(chat("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"a\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("messages[1].role");
        e = error(chat("{\"stop\": 3, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("stop");
        e = error(chat("{\"top_logprobs\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("top_logprobs");
        e = error(chat("{\"logprobs\": true, \"top_logprobs\": 21, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("top_logprobs");
        e = error(chat("{\"logprobs\": true, \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("logprobs");
        e = error(chat("{\"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("param").asText()).isEqualTo("stream");
    }

    @Test
    void aSamplingValueOutOfRangeIs400WithTheSamplersReason() throws Exception {
        JsonNode e = error(chat("{\"top_p\": 1.5, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"), 400);
        assertThat(e.get("message").asText()).containsIgnoringCase("top");
    }

    @Test
    void aRequestLongerThanTheContextIs400BeforeAnythingRuns() throws Exception {
        JsonNode e = error(chat(ServeTestSupport.question("hi", 9000, true)), 400);
        assertThat(e.get("param").asText()).isEqualTo("messages");
        assertThat(e.get("message").asText()).contains("8192");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        JsonNode e = error(chat(ServeTestSupport.question("x".repeat(70 << 10), 2, false)), 413);
        assertThat(e.get("code").asText()).isEqualTo("request_too_large");
        assertThat(e.get("message").asText()).contains(String.valueOf(64 << 10));
    }

    @Test
    void anImageOverTheLimitIs413NamingThePart() throws Exception {
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"?\"},"
                + "{\"type\": \"image_url\", \"image_url\": {\"url\": \"" + ServeTestSupport.pngDataUrl(1600, 1200) + "\"}}]}]}";
        JsonNode e = error(chat(body), 413);
        assertThat(e.get("code").asText()).isEqualTo("image_too_large");
        assertThat(e.get("param").asText()).isEqualTo("messages[0].content[1].image_url.url");
    }

    @Test
    void localFilesAndRemoteUrlsAreRefusedWithoutAllowFiles() throws Exception {
        for (String url : new String[] {"/etc/hostname", "file:///etc/hostname", "http://example.com/a.png"}) {
            String body = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \""
                    + url + "\"}}]}]}";
            JsonNode e = error(chat(body), 400);
            assertThat(e.get("param").asText()).isEqualTo("messages[0].content[0].image_url.url");
        }
    }

    @Test
    void unknownPathsAndWrongMethodsAreJsonErrors() throws Exception {
        assertThat(error(support.get(server, "/v1/completions", null), 404).get("code").asText()).isEqualTo("not_found");
        assertThat(error(support.get(server, "/v1/chat/completions", null), 405).get("code").asText())
                .isEqualTo("method_not_allowed");
    }

    @Test
    void withAnApiKeyEveryRequestNeedsIt() throws Exception {
        try (GlimpseServer keyed = support.start(new ServeOptions("127.0.0.1", 0, "s3cret", false, 1 << 20, 1 << 20, 1, 4))) {
            assertThat(error(support.get(keyed, "/v1/models", null), 401).get("code").asText()).isEqualTo("invalid_api_key");
            assertThat(error(support.get(keyed, "/v1/models", "Bearer wrong"), 401).get("code").asText()).isEqualTo("invalid_api_key");
            assertThat(support.get(keyed, "/v1/models", "Bearer s3cret").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHostOtherMachinesReachNeedsAnApiKey() {
        assertThatThrownBy(() -> new ServeOptions("0.0.0.0", 0, null, false, 1, 1, 0, 1))
                .hasMessageContaining("--api-key");
        assertThat(new ServeOptions("0.0.0.0", 0, "k", false, 1, 1, 0, 1).apiKey()).isEqualTo("k");
        assertThat(new ServeOptions("localhost", 0, null, false, 1, 1, 0, 1).host()).isEqualTo("localhost");
    }
}
