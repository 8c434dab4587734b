package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse ocr} and {@code --ocr auto} of plan and ask, end to end on drawn pictures. */
class OcrCommandTest {
    @TempDir
    static Path dir;
    static Path text;
    static Path blank;
    static Path probe;

    @BeforeAll
    static void pictures() throws Exception {
        BufferedImage img = new BufferedImage(640, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 200);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
        g.drawString("Quarterly report 2024", 30, 60);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 26));
        g.drawString("Total amount due: 1,250.00", 30, 150);
        g.dispose();
        text = dir.resolve("text.png");
        ImageIO.write(img, "png", text.toFile());
        blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
    }

    @Test
    void ocrPrintsTheLinesInReadingOrder() {
        Run r = CommandLineTest.glimpse("ocr", text.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // PP-OCRv4's Chinese/English recogniser drops some word spaces in English (PaddleOCR issue 11386): the
        // characters of the first line, and the whole second line, are exact
        assertThat(r.out().lines().map(l -> l.replace(" ", ""))).containsExactly("Quarterlyreport2024", "Totalamountdue:1,250.00");
        assertThat(r.out().lines().toList().get(1)).isEqualTo("Total amount due: 1,250.00");
        assertThat(r.err()).startsWith("glimpse: 2 lines; 640x200 read at 640x192; detect ");
    }

    @Test
    void ocrJsonHasBoxesTextConfidenceAndTimings() throws Exception {
        Run r = CommandLineTest.glimpse("ocr", text.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("lines")).hasSize(2);
        JsonNode first = n.get("lines").get(0);
        assertThat(first.get("text").asText().replace(" ", "")).isEqualTo("Quarterlyreport2024");
        assertThat(first.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(first.get("box")).hasSize(4);
        // the box surrounds the drawn baseline at y = 60, starting near x = 30
        assertThat(first.get("box").get(0).get(0).asInt()).isBetween(20, 40);
        assertThat(first.get("box").get(3).get(1).asInt()).isBetween(60, 80);
        assertThat(n.get("text").asText()).isEqualTo(first.get("text").asText() + "\nTotal amount due: 1,250.00");
        assertThat(n.get("sha256").asText()).hasSize(64);
        assertThat(n.get("timings").get("totalMs").asDouble()).isPositive();
        assertThat(n.get("timings").get("loadMs").asDouble()).isPositive();
    }

    @Test
    void anImageWithoutTextPrintsNothing() {
        Run r = CommandLineTest.glimpse("ocr", blank.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("glimpse: 0 lines;");
    }

    @Test
    void aFolderWithoutModelOrDictionaryIsRefusedNamingWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-ocr"));
        Run r = CommandLineTest.glimpse("ocr", text.toString(), "--ocr-model", empty.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("no recognition model: expected one *.onnx file").contains("no dictionary (*.txt)");
    }

    /** What {@code glimpse ocr} reads in the picture. */
    static String read() throws Exception {
        Run r = CommandLineTest.glimpse("ocr", text.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String t = Json.MAPPER.readTree(r.out()).get("text").asText();
        assertThat(t).endsWith("\nTotal amount due: 1,250.00");
        return t;
    }

    @Test
    void planOcrAutoPutsTheReadTextInTheImagesBlockAndPricesIt() throws Exception {
        String read = read();
        Run auto = CommandLineTest.glimpse("plan", "--model", probe.toString(), "--profile", "hcx-seed-vision-3b",
                "--image", text.toString(), "--ocr", "auto", "--prompt", "What?", "--show-prompt", "--json");
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.err()).contains("glimpse: ocr: text.png: 2 lines");
        JsonNode a = Json.MAPPER.readTree(auto.out());
        // JSON-escaped inside the OCR block
        assertThat(a.get("prompt").get("text").asText()).contains("{\"ocr\": \"" + read.replace("\n", "\\n") + "\"");
        Run typed = CommandLineTest.glimpse("plan", "--model", probe.toString(), "--profile", "hcx-seed-vision-3b",
                "--image", text.toString(), "--ocr", read, "--prompt", "What?", "--json");
        Run none = CommandLineTest.glimpse("plan", "--model", probe.toString(), "--profile", "hcx-seed-vision-3b",
                "--image", text.toString(), "--prompt", "What?", "--json");
        int withAuto = a.get("promptTokens").asInt();
        assertThat(withAuto).isEqualTo(Json.MAPPER.readTree(typed.out()).get("promptTokens").asInt())
                .isGreaterThan(Json.MAPPER.readTree(none.out()).get("promptTokens").asInt());
    }

    @Test
    void askOcrAutoSendsTheReadText() throws Exception {
        String read = read();
        Run auto = CommandLineTest.glimpse("ask", "--model", probe.toString(), "--image", text.toString(), "--ocr", "auto",
                "--max-tokens", "2", "--greedy", "--no-record", "--json", "What does it say?");
        assertThat(auto.code()).as(auto.err()).isZero();
        Run typed = CommandLineTest.glimpse("ask", "--model", probe.toString(), "--image", text.toString(),
                "--ocr", read, "--max-tokens", "2", "--greedy", "--no-record", "--json",
                "What does it say?");
        JsonNode a = Json.MAPPER.readTree(auto.out());
        JsonNode t = Json.MAPPER.readTree(typed.out());
        assertThat(a.get("promptTokens").asInt()).isEqualTo(t.get("promptTokens").asInt());
        assertThat(a.get("ledger").get("segments").get(3).get("tokens").asInt())
                .isEqualTo(t.get("ledger").get("segments").get(3).get("tokens").asInt());
    }

    @Test
    void ocrModelWithoutAutoIsAUsageError() {
        Run r = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--image", text.toString(),
                "--ocr-model", dir.toString(), "--prompt", "What?");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--ocr-model is for --ocr auto");
    }

    @Test
    void aTextProfileRefusesOcr() {
        Run r = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-text", "--ocr", "auto", "--prompt", "What?");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("hcx-seed-text is a text model and takes no images or videos: --ocr only work with a vision profile");
    }
}
