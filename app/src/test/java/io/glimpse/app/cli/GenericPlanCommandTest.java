package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.generic.ClipImageProcessor;
import io.glimpse.inference.generic.ClipSettings;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.RgbImage;
import io.glimpse.media.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse plan} on a transformers.js image-text-to-text folder prices what {@code glimpse ask} runs. */
class GenericPlanCommandTest {
    @TempDir
    static Path dir;
    static Path generic;
    static Path image;
    static int askPromptTokens;

    @BeforeAll
    static void model() throws Exception {
        generic = dir.resolve("generic");
        TestModelWriter.write(generic, TestModelWriter.Family.GENERIC, 2);
        BufferedImage picture = new BufferedImage(500, 260, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 260; y++) {
            for (int x = 0; x < 500; x++) {
                picture.setRGB(x, y, (x * 255 / 500) << 16 | (y * 255 / 260) << 8 | (x * y) % 256);
            }
        }
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
        Run ask = CommandLineTest.glimpse("ask", "--model", generic.toString(), "--image", image.toString(),
                "--max-tokens", "2", "--greedy", "--json", "What is in the picture?");
        assertThat(ask.code()).as(ask.err()).isZero();
        askPromptTokens = Json.MAPPER.readTree(ask.out()).get("promptTokens").asInt();
    }

    @Test
    void theProfilePlansTheImageAsAskRunsIt() throws Exception {
        Path seen = dir.resolve("seen");
        Run r = CommandLineTest.glimpse("plan", "--profile", "image-text-to-text", "--model", generic.toString(),
                "--image", image.toString(), "--prompt", "What is in the picture?", "--dump-tiles", seen.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        // 101 with the one-byte question "Q" (GenericAskCommandTest); this question is 23 bytes, one token each
        assertThat(askPromptTokens).isEqualTo(101 - 1 + 23);
        assertThat(n.get("promptTokens").asInt()).isEqualTo(askPromptTokens);
        // the image's segment: 81 image tokens + the user turn's wrapper <|im_start|> "user\n" <|im_end|> "\n" (8)
        assertThat(n.get("visualTokens").asInt()).isEqualTo(81 + 8);
        JsonNode img = n.get("segments").get(0);
        assertThat(img.get("kind").asText()).isEqualTo("image");
        assertThat(img.get("detail").get("visual").asInt()).isEqualTo(81);
        assertThat(img.get("detail").get("tile").asText()).isEqualTo("378x378");
        assertThat(n.get("contextLength").asInt()).isEqualTo(8192);
        assertThat(n.get("estimated").asBoolean()).isFalse();
        assertThat(n.toString()).contains("each <|dummy3|> expanded to 81 tokens").doesNotContain("HCX");
        try (var files = Files.list(seen)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("image01-global.png");
        }
        RgbImage tile = ImageLoader.defaults().load(seen.resolve("image01-global.png"));
        RgbImage expected = ClipImageProcessor.tile(ImageLoader.defaults().load(image), ClipSettings.fromFolder(generic));
        assertThat(tile.width()).isEqualTo(378);
        assertThat(tile.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void withoutProfileTheFolderIsRecognised() throws Exception {
        Run r = CommandLineTest.glimpse("plan", "--model", generic.toString(), "--image", image.toString(), "--image",
                image.toString(), "--prompt", "What is in the picture?", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("visualTokens").asInt()).isEqualTo(81 + 8 + 81);
        assertThat(n.get("segments").get(1).get("detail").get("visual").asInt()).isEqualTo(81);
        assertThat(n.get("promptTokens").asInt()).isEqualTo(askPromptTokens + 81);
    }

    @Test
    void aVideoIsRefusedBeforeItIsRead() throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[16]);
        Run r = CommandLineTest.glimpse("plan", "--model", generic.toString(), "--video", video.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("glimpse: this model takes images only: a transformers.js image-text-to-text folder "
                + "has no video placeholder");
    }

    @Test
    void theProfileWithoutAFolderSaysWhatItNeeds() {
        Run r = CommandLineTest.glimpse("plan", "--profile", "image-text-to-text", "--image", image.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("glimpse: image-text-to-text has no built-in profile: its image size, image token, "
                + "tokens per image and chat template come from the model folder (give --model)");
    }

    @Test
    void profilesListsTheFamily() {
        Run r = CommandLineTest.glimpse("profiles");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("image-text-to-text +transformers.js image-text-to-text \\(LLaVA-style\\) +image, text +-\n");
    }
}
