package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.vision.VisionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading glimpse.json's inputs_embeds and vision block (no graph is loaded: the files only need to exist). */
class VisionWiringTest {
    static final String DECODER = """
            "decoder": {"file": "onnx/decoder_model_merged.onnx",
              "inputs": {"inputs_embeds": "inputs_embeds"}, "layers": 2, "kv_heads": 2, "head_size": 16}""";
    static final String VISION = """
            "vision": {
              "encoder": {"file": "onnx/vision_encoder.onnx", "pixel_values": "pv", "num_queries": "nq",
                          "features": "feats", "max_tiles_per_run": 3},
              "embed_tokens": {"file": "onnx/embed_tokens.onnx"},
              "image_newline": "image_newline.npy", "hidden_size": 64,
              "image_token": "<|dummy3|>", "image_token_id": 261,
              "video_token": "<|_unuse_missing_100270|>", "video_token_id": 262,
              "stitching": "rows"
            }""";

    @TempDir
    Path tmp;

    Path folder(String vision) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("m"));
        Files.createDirectories(folder.resolve("onnx"));
        for (String f : new String[] {"onnx/decoder_model_merged.onnx", "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx",
                "image_newline.npy"}) {
            Files.write(folder.resolve(f), new byte[0]);
        }
        Files.writeString(folder.resolve("glimpse.json"), "{\"vocab_size\": 264, \"context_length\": 8192, "
                + DECODER + (vision == null ? "" : ", " + vision) + "}");
        return folder;
    }

    @Test
    void theVisionBlockIsReadWithItsNames() throws Exception {
        ModelSpec spec = ModelFolder.read(folder(VISION));
        assertThat(spec.decoder().takesEmbeddings()).isTrue();
        assertThat(spec.decoder().expectedInputs()).startsWith("inputs_embeds", "attention_mask").doesNotContain("input_ids");
        assertThat(spec.vision()).isEqualTo(new VisionSpec("onnx/vision_encoder.onnx", "pv", "nq", "feats", 3,
                "onnx/embed_tokens.onnx", "input_ids", "inputs_embeds", "image_newline.npy", 64,
                "<|dummy3|>", 261, "<|_unuse_missing_100270|>", 262, VisionSpec.Stitching.ROWS));
    }

    @Test
    void defaultsFillTheNamesAndNullDeclaresAnEncoderWithoutNumQueries() throws Exception {
        ModelSpec spec = ModelFolder.read(folder("""
                "vision": {"encoder": {"file": "onnx/vision_encoder.onnx", "num_queries": null},
                  "embed_tokens": {"file": "onnx/embed_tokens.onnx"}, "hidden_size": 64,
                  "image_token": "<|dummy3|>", "image_token_id": 261}"""));
        VisionSpec v = spec.vision();
        assertThat(v.pixelValues()).isEqualTo("pixel_values");
        assertThat(v.numQueries()).isNull();
        assertThat(v.features()).isEqualTo("image_features");
        assertThat(v.maxTilesPerRun()).isEqualTo(4);
        assertThat(v.stitching()).isEqualTo(VisionSpec.Stitching.HCX_ANYRES);
        assertThat(v.imageNewline()).isNull();
        assertThat(v.takesVideo()).isFalse();
    }

    @Test
    void aTextFolderHasNoVision() throws Exception {
        ModelSpec spec = ModelFolder.read(folder(null));
        assertThat(spec.vision()).isNull();
    }

    @Test
    void aMissingEncoderGraphIsNamedWithTheFieldThatNamesIt() throws Exception {
        Path folder = folder(VISION);
        Files.delete(folder.resolve("onnx/vision_encoder.onnx"));
        assertThatThrownBy(() -> ModelFolder.read(folder)).isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": the model folder has no onnx/vision_encoder.onnx (named by glimpse.json vision.encoder.file)");
    }

    @Test
    void aMissingNewlineFileIsNamed() throws Exception {
        Path folder = folder(VISION);
        Files.delete(folder.resolve("image_newline.npy"));
        assertThatThrownBy(() -> ModelFolder.read(folder))
                .hasMessage(folder + ": the model folder has no image_newline.npy (named by glimpse.json vision.image_newline)");
    }

    @Test
    void aPlaceholderIdOutsideTheVocabularyIsRefused() throws Exception {
        Path folder = folder(VISION.replace("\"video_token_id\": 262", "\"video_token_id\": 264"));
        assertThatThrownBy(() -> ModelFolder.read(folder))
                .hasMessage(folder + ": glimpse.json vision.video_token_id 264 is not below vocab_size 264");
    }

    @Test
    void anUnknownStitchingIsRefused() throws Exception {
        Path folder = folder(VISION.replace("\"rows\"", "\"mosaic\""));
        assertThatThrownBy(() -> ModelFolder.read(folder))
                .hasMessage(folder + ": glimpse.json vision.stitching must be hcx-anyres or rows, got mosaic");
    }

    @Test
    void theOrtGenaiPhi3VisionFolderWiresItsDecoderForEmbeddings() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("ort-genai/phi3-v-dummy"));
        assertThat(spec.decoder().inputsEmbeds()).isEqualTo("inputs_embeds");
        assertThat(spec.decoder().expectedInputs()).containsExactly("inputs_embeds", "attention_mask", "position_ids",
                "past_key_values.0.key", "past_key_values.0.value");
    }
}
