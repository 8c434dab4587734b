package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse ask} on a transformers.js image-text-to-text folder as downloaded: no glimpse.json. */
class GenericAskCommandTest {
    @TempDir
    static Path dir;
    static Path generic;
    static Path image;

    @BeforeAll
    static void model() throws Exception {
        generic = dir.resolve("generic");
        TestModelWriter.write(generic, TestModelWriter.Family.GENERIC, 2);
        BufferedImage picture = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 320; x++) {
                picture.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 200) << 8 | 90);
            }
        }
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
    }

    @Test
    void aGenericFolderAnswersWithTheLedgerMatchingThePrompt() throws Exception {
        Run r = CommandLineTest.glimpse("ask", "--model", generic.toString(), "--image", image.toString(),
                "--max-tokens", "3", "--greedy", "--json", "Q");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        // <|im_start|> "user\n" (5) + 81 image tokens + "Q" + <|im_end|> "\n" + <|im_start|> "assistant\n" (10)
        assertThat(j.get("promptTokens").asInt()).isEqualTo(101);
        assertThat(j.get("ledger").get("promptTokens").asInt()).isEqualTo(101);
        assertThat(j.get("generatedTokens").asInt()).isBetween(1, 3);
        assertThat(j.get("timings").get("visionEncodeMs").asDouble()).isPositive();
    }

    @Test
    void aVideoIsRefusedAsAUsageError() throws Exception {
        Path video = Files.write(dir.resolve("clip.mp4"), new byte[16]);
        Run r = CommandLineTest.glimpse("ask", "--model", generic.toString(), "--video", video.toString(), "Q");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("glimpse: this model takes images only: a transformers.js image-text-to-text folder "
                + "has no video placeholder");
    }
}
