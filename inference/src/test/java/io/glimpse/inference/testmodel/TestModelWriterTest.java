package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written folder: files, determinism, tokenizer, settings, image_newline.npy, glimpse.json. */
class TestModelWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFileOfTheContract() throws Exception {
        List<Path> written = TestModelWriter.write(dir, Family.HCX_VISION, 1);
        assertThat(written).containsExactlyElementsOf(Family.HCX_VISION.files().stream().map(dir::resolve).toList());
        for (Path p : written) {
            assertThat(p).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("README.md"))).contains("RANDOM-WEIGHT").contains("gibberish")
                .contains("seed 1");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherWeights() throws Exception {
        TestModelWriter.write(dir.resolve("a"), Family.HCX_VISION, 99);
        TestModelWriter.write(dir.resolve("b"), Family.HCX_VISION, 99);
        TestModelWriter.write(dir.resolve("c"), Family.HCX_VISION, 100);
        for (String f : Family.HCX_VISION.files()) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        for (String f : List.of("onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx",
                "onnx/decoder_model_merged.onnx", "image_newline.npy")) {
            assertThat(Files.readAllBytes(dir.resolve("c").resolve(f))).as(f)
                    .isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        TestModelWriter.write(dir.resolve("p1"), Family.HCX_VISION_PROBE, 1);
        TestModelWriter.write(dir.resolve("p2"), Family.HCX_VISION_PROBE, 2);
        assertThat(Files.readAllBytes(dir.resolve("p2/onnx/decoder_model_merged.onnx")))
                .isEqualTo(Files.readAllBytes(dir.resolve("p1/onnx/decoder_model_merged.onnx")));
    }

    @Test
    void tokenizerIsByteLevelWithTheHcxSpecials() throws Exception {
        TestModelWriter.write(dir, Family.HCX_VISION_PROBE, 0);
        try (Tokenizer tok = Tokenizers.open(dir)) {
            assertThat(tok.vocabSize()).isEqualTo(264);
            assertThat(tok.encode("<|dummy3|>", false)).containsExactly(261);
            assertThat(tok.encode("<|_unuse_missing_100270|>", false)).containsExactly(262);
            assertThat(tok.encode("a <|im_start|>\n<|endofturn|>", false)).containsExactly(97, 32, 257, 10, 259);
            String korean = "이 사진에 무엇이 있나요? 고양이 🐱";
            int[] ids = tok.encode(korean, false);
            byte[] utf8 = korean.getBytes(StandardCharsets.UTF_8);
            assertThat(ids).hasSize(utf8.length);
            for (int i = 0; i < ids.length; i++) {
                assertThat(ids[i]).isEqualTo(utf8[i] & 0xFF);
            }
            assertThat(tok.decode(ids, false)).isEqualTo(korean);
            assertThat(tok.decode(new int[] {104, 105, 259}, true)).isEqualTo("hi");
            assertThat(tok.idOf("<|stop|>")).hasValue(260);
        }
    }

    /** Every key is in the files: only the lines the loader always adds remain as assumptions. */
    @Test
    void configGivesTheHcxVisionSettingsWithoutDefaults() throws Exception {
        TestModelWriter.write(dir, Family.HCX_VISION, 0);
        HcxVisionSettings s = HcxVisionSettings.fromModelFolder(dir);
        assertThat(s.unpad()).isTrue();
        assertThat(s.anyres()).isTrue();
        assertThat(s.maxNumGrids()).isEqualTo(9);
        assertThat(s.gridSize()).isEqualTo(378);
        assertThat(s.queriesImage()).isEqualTo(81);
        assertThat(s.queriesVideoSlow()).isEqualTo(81);
        assertThat(s.queriesVideoFast()).isEqualTo(9);
        assertThat(s.imageTokenId()).isEqualTo(261);
        assertThat(s.videoTokenId()).isEqualTo(262);
        assertThat(s.possibleResolutions()).isEqualTo(HcxVisionSettings.rebuildResolutions(9, true, 378));
        assertThat(s.assumptions()).hasSize(4).noneMatch(a -> a.contains("assumed (config.json has no"));
    }

    @Test
    void imageNewlineIsAFloat32NpyVector() throws Exception {
        TestModelWriter.write(dir, Family.HCX_VISION_PROBE, 0);
        byte[] npy = Files.readAllBytes(dir.resolve("image_newline.npy"));
        assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (64,), }").endsWith("\n");
        assertThat((10 + headerLen) % 64).isZero();
        assertThat(npy).hasSize(10 + headerLen + 64 * 4);
        ByteBuffer b = ByteBuffer.wrap(npy, 10 + headerLen, 256).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getFloat()).isEqualTo(-1000f);
        for (int i = 1; i < 64; i++) {
            assertThat(b.getFloat()).isZero();
        }
    }

    @Test
    void glimpseJsonWiresTheThreeGraphs() throws Exception {
        TestModelWriter.write(dir, Family.HCX_VISION, 0);
        JsonNode g = new ObjectMapper().readTree(dir.resolve("glimpse.json").toFile());
        assertThat(g.get("family").asText()).isEqualTo("hcx-vision");
        assertThat(g.get("vocab_size").asInt()).isEqualTo(264);
        assertThat(g.get("context_length").asInt()).isEqualTo(8192);
        assertThat(g.at("/decoder/inputs/inputs_embeds").asText()).isEqualTo("inputs_embeds");
        assertThat(g.at("/decoder/layers").asInt()).isEqualTo(2);
        assertThat(g.at("/stop/ids").toString()).isEqualTo("[259,260]");
        assertThat(g.at("/vision/encoder/file").asText()).isEqualTo("onnx/vision_encoder.onnx");
        assertThat(g.at("/vision/image_token_id").asInt()).isEqualTo(261);
        assertThat(g.at("/vision/video_token_id").asInt()).isEqualTo(262);
        assertThat(g.at("/vision/stitching").asText()).isEqualTo("hcx-anyres");
        for (String f : List.of("/decoder/file", "/vision/encoder/file", "/vision/embed_tokens/file", "/vision/image_newline")) {
            assertThat(dir.resolve(g.at(f).asText())).as(f).isRegularFile();
        }
    }

    @Test
    void familyNamesRoundTripAndUnknownOnesAreRefused() {
        assertThat(Family.fromCliName("hcx-vision-probe")).isEqualTo(Family.HCX_VISION_PROBE);
        assertThat(Family.fromCliName("HCX-Vision")).isEqualTo(Family.HCX_VISION);
        assertThatThrownBy(() -> Family.fromCliName("llava"))
                .hasMessage("unknown test-model family 'llava' (known: hcx-vision, hcx-vision-probe, generic)");
    }
}
