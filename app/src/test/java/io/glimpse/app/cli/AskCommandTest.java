package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse ask} end to end on generated tiny models: streamed text, JSON, refusals and exit codes. */
class AskCommandTest {
    @TempDir
    static Path dir;
    static Path random;
    static Path probe;
    static Path image;

    @BeforeAll
    static void models() throws Exception {
        random = dir.resolve("random");
        probe = dir.resolve("probe");
        TestModelWriter.write(random, TestModelWriter.Family.HCX_VISION, 1);
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.BLUE);
        g.fillOval(100, 100, 300, 200);
        g.dispose();
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
    }

    @Test
    void theProbeModelStreamsItsFixedAnswer() {
        // the probe decoder's logits always favour id 97 ('a'): 5 greedy tokens are "aaaaa"
        Run r = CommandLineTest.glimpse("ask", "--model", probe.toString(), "--image", image.toString(),
                "--max-tokens", "5", "--greedy", "What is this?");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("aaaaa" + System.lineSeparator());
        assertThat(r.err()).contains("glimpse: LENGTH; prompt ").contains(" visual) of 8192; 5 generated");
    }

    @Test
    void anImageQuestionIsToldOnlyTheAssumptionsAboutItWithoutSpecReferences() {
        Run r = CommandLineTest.glimpse("ask", "--model", probe.toString(), "--image", image.toString(),
                "--max-tokens", "2", "--greedy", "What is this?");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("glimpse: assumed: "))).containsExactly(
                "glimpse: assumed: the lines that introduce each image in the prompt are written as llama.cpp writes them;"
                        + " the model's authors have not published their exact spacing",
                "glimpse: assumed: no beginning-of-text token is put before the prompt (the model's files do not say)");
        assertThat(r.err()).doesNotContain("video", "spec");
    }

    @Test
    void jsonCarriesTheAnswerTheLedgerAndEveryStageTiming() throws Exception {
        Run r = CommandLineTest.glimpse("ask", "--model", random.toString(), "--image", image.toString(),
                "--ocr", "HELLO", "--max-tokens", "6", "--greedy", "--json", "Describe it.");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("finishReason").asText()).isIn("STOP", "LENGTH");
        assertThat(j.get("generatedTokens").asInt()).isEqualTo(j.get("tokenIds").size());
        JsonNode ledger = j.get("ledger");
        JsonNode picture = ledger.get("segments").get(2);
        assertThat(picture.get("kind").asText()).isEqualTo("image");
        // 640x480 → 2x2 grid with unpad: 81 global + 252 local + 14 newlines (hcx-spec §5.4)
        assertThat(picture.get("detail").get("visual").asInt()).isEqualTo(347);
        assertThat(ledger.get("segments").get(3).get("kind").asText()).isEqualTo("aux");
        assertThat(j.get("promptTokens").asInt()).isEqualTo(ledger.get("promptTokens").asInt());
        assertThat(ledger.get("outputReserve").asInt()).isEqualTo(6);
        JsonNode t = j.get("timings");
        for (String field : new String[] {"loadMs", "mediaDecodeMs", "preprocessMs", "visionEncodeMs", "stitchMs",
                "embedMs", "prefillMs", "timeToFirstTokenMs", "decodeTokensPerSecond", "decodeMs", "totalMs"}) {
            assertThat(t.get(field).asDouble()).as(field).isGreaterThanOrEqualTo(0);
        }
        assertThat(t.get("visionEncodeMs").asDouble()).isPositive();
        assertThat(t.get("insideRuntimeMs").get("prefill").asDouble()).isPositive()
                .isLessThanOrEqualTo(t.get("prefillMs").asDouble());
        assertThat(t.get("totalMs").asDouble()).isGreaterThanOrEqualTo(t.get("timeToFirstTokenMs").asDouble());
        assertThat(j.get("provider").asText()).isEqualTo("CPU");

        // the streamed text is the same answer
        Run streamed = CommandLineTest.glimpse("ask", "--model", random.toString(), "--image", image.toString(),
                "--ocr", "HELLO", "--max-tokens", "6", "--greedy", "Describe it.");
        assertThat(streamed.out()).isEqualTo(j.get("text").asText() + System.lineSeparator());
    }

    @Test
    void aRequestOverTheContextIsRefusedWithTheLedgersNumbers() {
        Run r = CommandLineTest.glimpse("ask", "--model", random.toString(), "--image", image.toString(),
                "--max-tokens", "8000", "Describe it.");
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(" of them images and videos) plus the requested answer (8000 tokens)",
                "over the model's context length of 8192 by ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsComeBeforeTheModelLoads() {
        Run ocr = CommandLineTest.glimpse("ask", "--model", dir.resolve("nowhere").toString(), "--image", image.toString(),
                "--ocr", "a", "--ocr", "b", "Q");
        assertThat(ocr.code()).isEqualTo(2);
        assertThat(ocr.err()).contains("glimpse: 2 --ocr texts for 1 images: give at most one per --image");
        Run modes = CommandLineTest.glimpse("ask", "--model", random.toString(), "--count", "4", "--fps", "1", "Q");
        assertThat(modes.code()).isEqualTo(2);
        assertThat(modes.err()).contains("give only one of --count, --fps");
    }

    @Test
    void aFolderMissingAGraphIsBadInputNamingTheFile() throws Exception {
        Path broken = dir.resolve("broken");
        TestModelWriter.write(broken, TestModelWriter.Family.HCX_VISION, 2);
        Files.delete(broken.resolve("onnx/vision_encoder.onnx"));
        Run r = CommandLineTest.glimpse("ask", "--model", broken.toString(), "--image", image.toString(), "Q");
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("onnx/vision_encoder.onnx");
    }

    @Test
    void aMissingImageIsBadInput() {
        Run r = CommandLineTest.glimpse("ask", "--model", random.toString(), "--image", dir.resolve("none.png").toString(), "Q");
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("none.png");
    }

    @Test
    void aHistoryFileMakesAFollowUpCountedByTheLedger() throws Exception {
        Path turns = dir.resolve("turns.json");
        Files.writeString(turns, "[{\"role\": \"user\", \"content\": \"What is it?\"},"
                + " {\"role\": \"assistant\", \"content\": \"An orange picture.\"}]");
        Run r = CommandLineTest.glimpse("ask", "--model", random.toString(), "--image", image.toString(),
                "--history", turns.toString(), "--max-tokens", "3", "--greedy", "--json", "And the oval?");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        JsonNode segments = j.get("ledger").get("segments");
        assertThat(segments.get(2).get("source").asText()).isEqualTo("turn 1 (user)");
        assertThat(segments.get(3).get("source").asText()).isEqualTo("turn 2 (assistant)");
        assertThat(j.get("promptTokens").asInt()).isEqualTo(j.get("ledger").get("promptTokens").asInt());

        Files.writeString(turns, "[{\"role\": \"system\", \"content\": \"x\"}]");
        Run bad = CommandLineTest.glimpse("ask", "--model", random.toString(), "--history", turns.toString(), "Q");
        assertThat(bad.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(bad.err()).contains("turns.json: turn 1 must have role user or assistant and a text content");
        Files.writeString(turns, "{not json");
        assertThat(CommandLineTest.glimpse("ask", "--model", random.toString(), "--history", turns.toString(), "Q").err())
                .contains("turns.json: not valid JSON");
    }
}
