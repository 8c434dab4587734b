package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.chat.JinjaChatTemplate;
import io.glimpse.inference.testmodel.Ort.Tensor;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code generic} family: a transformers.js image-text-to-text folder with a fixed-Q encoder. */
class GenericFamilyTest {
    static final int D = 64;
    static final int PIXELS = 3 * 378 * 378;

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws Exception {
        TestModelWriter.write(dir, Family.GENERIC, 3);
    }

    @Test
    void writesTheTransformersJsFilesAndNoGlimpseJson() throws Exception {
        for (String f : Family.GENERIC.files()) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        assertThat(dir.resolve("glimpse.json")).doesNotExist();
        assertThat(dir.resolve("image_newline.npy")).doesNotExist();
        JsonNode c = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertThat(c.get("image_token_index").asInt()).isEqualTo(261);
        assertThat(c.get("image_seq_length").asInt()).isEqualTo(81);
        assertThat(c.at("/text_config/num_key_value_heads").asInt()).isEqualTo(2);
        assertThat(c.at("/text_config/hidden_size").asInt()).isEqualTo(D);
        assertThat(Files.readString(dir.resolve("README.md"))).contains("RANDOM-WEIGHT").contains("gibberish")
                .contains("no glimpse.json");
    }

    @Test
    void encoderHasNoQueryInputAndGives81RowsPerTile() throws Exception {
        float[] px = new float[2 * PIXELS];
        Arrays.fill(px, 0, PIXELS, 0.5f);
        for (int i = PIXELS; i < 2 * PIXELS; i++) {
            px[i] = (i % 378) / 189f - 1; // a horizontal ramp: pooled columns differ
        }
        try (Ort ort = new Ort(dir.resolve("onnx/vision_encoder.onnx"))) {
            assertThat(ort.session().getInputNames()).containsExactly("pixel_values");
            Tensor f = ort.floats("pixel_values", px, 2, 3, 378, 378).run().get("image_features");
            assertThat(f.shape()).containsExactly(2, 81, D);
            float[] d = f.data();
            assertThat(Arrays.copyOfRange(d, 80 * D, 81 * D)).containsExactly(Arrays.copyOfRange(d, 0, D));
            assertThat(Arrays.copyOfRange(d, 82 * D, 83 * D)).isNotEqualTo(Arrays.copyOfRange(d, 81 * D, 82 * D));
            // the ramp repeats on every map row: query 9 (row 1, col 0) equals query 0 of the same tile
            assertThat(Arrays.copyOfRange(d, 90 * D, 91 * D)).containsExactly(Arrays.copyOfRange(d, 81 * D, 82 * D));
        }
    }

    @Test
    void chatTemplatePutsOnePlaceholderPerImage() throws Exception {
        JinjaChatTemplate t = JinjaChatTemplate.fromTokenizerConfig(dir).orElseThrow();
        String prompt = t.renderMessages(List.of(Map.of("role", "user", "content", List.of(
                Map.of("type", "image"), Map.of("type", "text", "text", "무엇이 보이나요?")))), true);
        assertThat(prompt).isEqualTo("<|im_start|>user\n<|dummy3|>무엇이 보이나요?<|im_end|>\n<|im_start|>assistant\n");
        try (Tokenizer tok = Tokenizers.open(dir)) {
            int[] ids = tok.encode(prompt, false);
            assertThat(Arrays.stream(ids).filter(id -> id == 261).count()).isEqualTo(1);
            assertThat(ids[0]).isEqualTo(257);
            assertThat(tok.decode(ids, false)).isEqualTo(prompt);
        }
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        Path again = dir.resolve("again");
        TestModelWriter.write(again, Family.GENERIC, 3);
        for (String f : Family.GENERIC.files()) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve(f)));
        }
    }
}
