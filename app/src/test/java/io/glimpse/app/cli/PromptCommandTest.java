package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "The prompt as the model sees it": {@code plan --show-prompt} and {@code tokenize}, with exact ids. */
class PromptCommandTest {
    /** The generated HCX folders' tokenizer: 256 byte tokens, then the specials (TestModelWriter). */
    private static final int IM_START = 257;
    private static final int IMAGE_TOKEN = 261;

    @TempDir
    static Path dir;
    static Path probe;
    static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        image = dir.resolve("picture.png");
        ImageIO.write(new BufferedImage(467, 311, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
    }

    @Test
    void showPromptPrintsTheRenderedTextWithThePlaceholderRunCollapsedAndTheLedgersCount() throws Exception {
        Run json = CommandLineTest.glimpse("plan", "--model", probe.toString(), "--profile", "hcx-seed-vision-3b",
                "--image", image.toString(), "--prompt", "What?", "--show-prompt", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(json.out());
        JsonNode prompt = n.get("prompt");
        int visual = n.get("segments").get(2).get("detail").get("visual").asInt(); // 467x311: 1x2 grid
        assertThat(visual).isEqualTo(216);
        assertThat(prompt.get("exact").asBoolean()).isTrue();
        assertThat(prompt.get("tokens").asInt()).isEqualTo(n.get("promptTokens").asInt()).isEqualTo(prompt.get("ids").size());
        assertThat(prompt.get("text").asText()).contains("<|im_start|>user (vector)\n" + "<|dummy3|>".repeat(visual) + "<|im_end|>")
                .endsWith("<|im_start|>user\nWhat?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(prompt.get("collapsed").asText()).contains("<|im_start|>user (vector)\n<|dummy3|> ×216<|im_end|>");
        List<Integer> ids = new ArrayList<>();
        prompt.get("ids").forEach(i -> ids.add(i.asInt()));
        assertThat(ids.get(0)).isEqualTo(IM_START); // no BOS: the prompt starts with the tool list block
        assertThat(ids.stream().filter(i -> i == IMAGE_TOKEN).count()).isEqualTo(visual);
        assertThat(ids.subList(ids.indexOf(IMAGE_TOKEN), ids.indexOf(IMAGE_TOKEN) + visual)).containsOnly(IMAGE_TOKEN);

        Run text = CommandLineTest.glimpse("plan", "--model", probe.toString(), "--profile", "hcx-seed-vision-3b",
                "--image", image.toString(), "--prompt", "What?", "--show-prompt");
        assertThat(text.out()).contains("--- the prompt as the model sees it: " + n.get("promptTokens").asInt()
                        + " tokens (the model's tokenizer); runs of a placeholder shown as TOKEN ×N ---\n<|im_start|>tool_list\n")
                .contains("\n<|dummy3|> ×216<|im_end|>\n")
                .endsWith("<|im_start|>assistant\n--- end of the prompt ---\n");
    }

    @Test
    void showPromptWithoutATokenizerSaysItIsEstimated() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--image", image.toString(), "--prompt", "What?",
                "--show-prompt", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("prompt").get("exact").asBoolean()).isFalse();
        assertThat(n.get("prompt").has("ids")).isFalse();
        assertThat(n.get("prompt").get("tokens").asInt()).isEqualTo(n.get("promptTokens").asInt());
    }

    @Test
    void tokenizePrintsTheIdsOfTheTinyModels() throws Exception {
        Path llama = CommandLineTest.llama2c(); // fixtures/llama2c/README.md: "Once upon a time" -> [1, 403, 407, 261, 378]
        Run plain = CommandLineTest.glimpse("tokenize", "--model", llama.toString(), "Once upon a time");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).isEqualTo("4 tokens\n     403  \" Once\"\n     407  \" upon\"\n     261  \" a\"\n     378  \" time\"\n");
        Run json = CommandLineTest.glimpse("tokenize", "--model", llama.toString(), "--add-special", "--json", "Once upon a time");
        JsonNode n = Json.MAPPER.readTree(json.out());
        assertThat(n.get("ids").toString()).isEqualTo("[1,403,407,261,378]");
        assertThat(n.get("tokens").asInt()).isEqualTo(5);
        assertThat(n.get("pieces").get(1).asText()).isEqualTo(" Once");
    }

    @Test
    void tokenizeCountsAWrittenSpecialTokenAsOne() {
        Run r = CommandLineTest.glimpse("tokenize", "--model", probe.toString(), "<|im_start|>hi<|dummy3|><|dummy3|>");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("5 tokens\n     257  \"<|im_start|>\"\n     104  \"h\"\n     105  \"i\"\n"
                + "     261  \"<|dummy3|>\"\n     261  \"<|dummy3|>\"\n");
    }
}
