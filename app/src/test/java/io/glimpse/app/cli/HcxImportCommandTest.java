package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code glimpse import} of the tiny HCX vision checkpoint, then {@code glimpse ask} on the imported folder:
 * an image question runs end to end with the prompt {@code glimpse plan} predicts for that folder.
 */
class HcxImportCommandTest {
    static final String QUESTION = "What is this?";
    @TempDir
    static Path dir;
    static Path checkpoint;
    static Path image;

    @BeforeAll
    static void checkpointAndPicture() throws Exception {
        checkpoint = HcxCheckpointCopy.withTokenizer(dir.resolve("checkpoint"));
        BufferedImage picture = new BufferedImage(500, 260, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 500, 260);
        g.setColor(Color.BLUE);
        g.fillOval(60, 40, 300, 180);
        g.dispose();
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
    }

    @Test
    void listShowsTheVisionArchitectureAndWhatItMaps() {
        Run r = CommandLineTest.glimpse("import", "--list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("HCXVisionForCausalLM", "mm_projector.* (C-Abstractor)", "onnx/vision_encoder.onnx",
                "language_model.model.embed_tokens → onnx/embed_tokens.onnx", "needs tokenizer.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp32", "int4"})
    void anImportedFolderAnswersAnImageQuestionWithThePlannedPrompt(String precision) throws Exception {
        Path out = dir.resolve("hcx-" + precision);
        Run imported = CommandLineTest.glimpse("import", checkpoint.toString(), "--out", out.toString(), "--precision", precision);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported HCXVisionForCausalLM", precision, "ops fused");
        // vision encoder: patch/position embeddings 3 + the 1 SigLIP layer use_nth_layer -2 keeps 16 + pos_emb 1
        // + 2 RegStages of 3 blocks of 13 + readout 4; then the embedding table, image_newline, the decoder's 20
        int total = 3 + 16 + 1 + 78 + 4 + 1 + 1 + 20;
        assertThat(imported.err()).contains("glimpse: import " + total + "/" + total + " tensors", "done");

        Run ask = CommandLineTest.glimpse("ask", "--model", out.toString(), "--image", image.toString(),
                "--max-tokens", "6", "--greedy", "--json", QUESTION);
        assertThat(ask.code()).as(ask.err()).isZero();
        JsonNode a = Json.MAPPER.readTree(ask.out());
        assertThat(a.get("generatedTokens").asInt()).isBetween(1, 6);

        Run plan = CommandLineTest.glimpse("plan", "--model", out.toString(), "--image", image.toString(),
                "--prompt", QUESTION, "--json");
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode p = Json.MAPPER.readTree(plan.out());
        System.out.printf("imported %s: ask prompt %d tokens, plan %d; answer ids %s%n", precision,
                a.get("promptTokens").asInt(), p.get("promptTokens").asInt(), a.get("tokenIds"));
        assertThat(a.get("promptTokens").asInt()).isEqualTo(p.get("promptTokens").asInt());
    }

    @Test
    void aCheckpointWithoutATokenizerIsBadInputAndLeavesNothing() throws Exception {
        Path bare = HcxCheckpointCopy.withoutTokenizer(dir.resolve("bare"));
        Path out = dir.resolve("refused").resolve("model");
        Run r = CommandLineTest.glimpse("import", bare.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("has no tokenizer.json: an HCX vision model folder cannot run without its tokenizer");
        assertThat(out).doesNotExist();
        assertThat(out.getParent()).doesNotExist();
    }
}
