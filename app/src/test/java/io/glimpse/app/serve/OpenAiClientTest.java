package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.Main;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm client against a {@code glimpse serve} started by the test: a streamed
 * chat, an image question and the model list. Skipped, saying why, where node or npm (or the registry) fail.
 */
class OpenAiClientTest {
    /** Installed once under target/, so that a rerun needs no network. */
    static final Path NPM = Path.of("target", "openai-npm").toAbsolutePath();

    @TempDir
    static Path dir;
    static Thread serve;
    static int port;

    @BeforeAll
    static void startServe() throws Exception {
        Assumptions.assumeTrue(run(dir, 30, "node", "--version") == 0, "skipped: node does not run here");
        if (!Files.isDirectory(NPM.resolve("node_modules/openai"))) {
            Files.createDirectories(NPM);
            Assumptions.assumeTrue(run(NPM, 240, "npm", "install", "--no-audit", "--no-fund", "--prefix", NPM.toString(), "openai") == 0,
                    "skipped: npm install openai failed (no registry?)");
        }
        Path probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        StringWriter err = new StringWriter();
        serve = new Thread(() -> Main.run(new String[] {"serve", "--model", probe.toString(), "--port", "0", "--api-key", "test-key"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), "glimpse-serve-under-test");
        serve.setDaemon(true);
        serve.start();
        Pattern serving = Pattern.compile("serving probe at http://127\\.0\\.0\\.1:(\\d+)/v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher m = serving.matcher(err.toString());
        boolean found = m.find();
        while (!found && System.nanoTime() < deadline && serve.isAlive()) {
            Thread.sleep(20);
            m = serving.matcher(err.toString());
            found = m.find();
        }
        assertThat(found).as("glimpse serve said where it listens: " + err).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stopServe() throws InterruptedException {
        if (serve != null) {
            serve.interrupt(); // the command's wait ends, and it closes the server and the model
            serve.join(10_000);
        }
    }

    @Test
    void theOfficialClientStreamsAChatAndAsksAboutAnImage() throws Exception {
        Path script = NPM.resolve("openai-client.js");
        try (InputStream in = OpenAiClientTest.class.getResourceAsStream("openai-client.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path image = dir.resolve("picture.png");
        String url = ServeTestSupport.pngDataUrl(640, 480);
        Files.write(image, Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)));
        Path output = dir.resolve("client.out");
        Process p = new ProcessBuilder(List.of("node", script.toString(), "http://127.0.0.1:" + port + "/v1", image.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the client finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        JsonNode n = ServeTestSupport.json(printed.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(n.get("text").asText()).isEqualTo("aaaaaa");
        assertThat(n.get("finish").asText()).isEqualTo("length");
        assertThat(n.get("completionTokens").asInt()).isEqualTo(6);
        assertThat(n.get("imageAnswer").asText()).isEqualTo("aaa");
        assertThat(n.get("imageVisualTokens").asInt()).isPositive();
        assertThat(n.get("models").get(0).asText()).isEqualTo("probe");
    }

    private static int run(Path where, int seconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
