package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transformers.js image-text-to-text folder exactly as the generic test-model writer leaves it (no
 * glimpse.json): read, opened with the generic CLIP-style processor and the folder's chat template,
 * answered end to end with the ledger matching the prompt token for token.
 */
class GenericFolderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path folder;
    static VisionLanguageModel model;

    @BeforeAll
    static void open() throws Exception {
        folder = tmp.resolve("generic");
        TestModelWriter.write(folder, TestModelWriter.Family.GENERIC, 7);
        model = VisionLanguageModel.open(folder, RuntimeOptions.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationRequest tokens(int n) {
        return new GenerationRequest(n, SamplingParams.greedy(), Set.of(), List.of());
    }

    /** A fresh copy of the generic folder with one change. */
    static Path variant(String name, Consumer<Path> change) throws Exception {
        Path f = tmp.resolve(name);
        TestModelWriter.write(f, TestModelWriter.Family.GENERIC, 7);
        change.accept(f);
        return f;
    }

    static void editConfig(Path f, String file, Consumer<ObjectNode> edit) {
        try {
            ObjectNode c = (ObjectNode) JSON.readTree(f.resolve(file).toFile());
            edit.accept(c);
            JSON.writeValue(f.resolve(file).toFile(), c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFolderOpensWithoutGlimpseJsonWiredFromConfigJson() {
        ModelSpec spec = model.spec();
        assertThat(Files.exists(folder.resolve("glimpse.json"))).isFalse();
        assertThat(spec.source()).isEqualTo("config.json");
        assertThat(spec.decoder().file()).isEqualTo("onnx/decoder_model_merged.onnx");
        assertThat(spec.decoder().takesEmbeddings()).isTrue();
        assertThat(spec.decoder().expectedInputs()).containsExactly("inputs_embeds", "attention_mask", "position_ids",
                "past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key", "past_key_values.1.value");
        assertThat(List.of(spec.decoder().layers(), spec.decoder().kvHeads(), spec.decoder().headSize())).containsExactly(2, 2, 16);
        assertThat(spec.vocabSize()).isEqualTo(264);
        assertThat(spec.contextLength()).isEqualTo(8192);
        assertThat(spec.stopIds()).containsExactlyInAnyOrder(259, 260);
        assertThat(spec.vision()).isEqualTo(new VisionSpec("onnx/vision_encoder.onnx", "pixel_values", null, "image_features", 4,
                "onnx/embed_tokens.onnx", "input_ids", "inputs_embeds", null, 64, "<|dummy3|>", 261, null, -1,
                VisionSpec.Stitching.ROWS, 81));
        assertThat(spec.notes()).anyMatch(n -> n.startsWith("a transformers.js image-text-to-text folder: onnx/vision_encoder.onnx"))
                .contains("images only: config.json wires no video placeholder");
        assertThat(model.processor()).isNull();
        assertThat(model.frontEnd()).isInstanceOf(GenericFrontEnd.class);
        assertThat(model.frontEnd().tileSide()).isEqualTo(378);
        assertThat(model.encoder().rowsPerTile()).isEqualTo(81);
        assertThat(model.frontEnd().stopStrings()).containsExactly("<|endofturn|>");
    }

    @Test
    void anImageIsAnsweredWithTheLedgerMatchingThePromptExactly() throws Exception {
        Path image = VisionTestMedia.png(tmp, "p.png", VisionTestMedia.gradient(640, 480, 1));
        List<Stage> stages = new CopyOnWriteArrayList<>();
        AskListener listener = new AskListener() {
            @Override
            public void onStage(Stage stage, double fraction) {
                if (fraction == 0) {
                    stages.add(stage);
                }
            }

            @Override
            public void onText(String piece) {
            }
        };
        AskResult result = model.ask(AskRequest.of("What?", tokens(4)).withImage(image, ""), listener, CancelToken.NONE);
        // <|im_start|> "user\n" (5) + 81 x <|dummy3|> + "What?" (5) + <|im_end|> "\n" + <|im_start|> "assistant\n" (10)
        assertThat(result.ledger().promptTokens()).isEqualTo(105);
        assertThat(result.generation().promptTokens()).isEqualTo(105);
        assertThat(result.ledger().segments()).filteredOn(s -> s.source().equals("p.png")).singleElement()
                .satisfies(s -> assertThat(s.detail()).containsEntry("visual", 81).containsEntry("tile", "378x378"));
        assertThat(result.finishReason()).isNotEqualTo(FinishReason.CANCELLED);
        assertThat(result.generation().generatedTokens()).isBetween(1, 4);
        assertThat(stages).containsExactly(Stage.MEDIA_DECODE, Stage.PREPROCESS, Stage.VISION_ENCODE, Stage.PREFILL, Stage.DECODE);
        assertThat(result.timings().visionEncodeRuntimeMs()).isPositive();
    }

    @Test
    void everyImageTokenIsExpandedToImageSeqLengthCopies() throws Exception {
        Path a = VisionTestMedia.png(tmp, "a.png", VisionTestMedia.gradient(300, 200, 2));
        Path b = VisionTestMedia.png(tmp, "b.png", VisionTestMedia.gradient(90, 400, 3));
        LedgerRequest r = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("a.png", 300, 200, ""),
                new LedgerRequest.Image("b.png", 90, 400, "")), List.of(), "Compare.", 8, 8192, 1);
        int[] ids = model.tokenizer().encode(model.frontEnd().render(r), false);
        assertThat(java.util.Arrays.stream(ids).filter(i -> i == 261).count()).isEqualTo(2 * 81);
        AskResult result = model.ask(AskRequest.of("Compare.", tokens(2)).withImage(a, "").withImage(b, ""),
                AskListener.NONE, CancelToken.NONE);
        assertThat(result.generation().promptTokens()).isEqualTo(ids.length).isEqualTo(result.ledger().promptTokens())
                .isEqualTo(105 + 81 + 3);
        assertThat(result.ledger().segments()).filteredOn(s -> s.detail().containsKey("visual"))
                .extracting(s -> s.detail().get("visual")).containsExactly(81, 81);
    }

    @Test
    void aCancelRequestDuringPreprocessingStopsBeforeTheEncoder() throws Exception {
        Path image = VisionTestMedia.png(tmp, "c.png", VisionTestMedia.gradient(200, 150, 5));
        CancelToken cancel = new CancelToken();
        List<Stage> stages = new ArrayList<>();
        AskListener listener = new AskListener() {
            @Override
            public void onStage(Stage stage, double fraction) {
                stages.add(stage);
                if (stage == Stage.PREPROCESS) {
                    cancel.cancel();
                }
            }

            @Override
            public void onText(String piece) {
            }
        };
        AskResult result = model.ask(AskRequest.of("What?", tokens(4)).withImage(image, ""), listener, cancel);
        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.ledger().promptTokens()).isEqualTo(105);
        assertThat(stages).doesNotContain(Stage.VISION_ENCODE, Stage.PREFILL);
    }

    @Test
    void aVideoIsRefusedImagesOnly() throws Exception {
        Path video = VisionTestMedia.video(tmp, "v.mp4", 6);
        assertThatThrownBy(() -> model.ask(AskRequest.of("?", tokens(2)).withVideo(video), AskListener.NONE, CancelToken.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this model takes images only: a transformers.js image-text-to-text folder has no video placeholder");
    }

    @Test
    void aRequestOverTheContextIsRefusedBeforeEncoding() throws Exception {
        Path small = variant("small", f -> editConfig(f, "config.json",
                c -> ((ObjectNode) c.get("text_config")).put("max_position_embeddings", 120)));
        Path image = VisionTestMedia.png(tmp, "q.png", VisionTestMedia.gradient(64, 64, 4));
        try (VisionLanguageModel m = VisionLanguageModel.open(small, RuntimeOptions.cpu())) {
            List<Stage> stages = new ArrayList<>();
            AskListener listener = new AskListener() {
                @Override
                public void onStage(Stage stage, double fraction) {
                    stages.add(stage);
                }

                @Override
                public void onText(String piece) {
                }
            };
            assertThatThrownBy(() -> m.ask(AskRequest.of("What?", tokens(16)).withImage(image, ""), listener, CancelToken.NONE))
                    .isInstanceOfSatisfying(RequestTooLongException.class, e -> {
                        assertThat(e.ledger().promptTokens()).isEqualTo(105);
                        assertThat(e.ledger().totalTokens()).isEqualTo(121);
                    });
            assertThat(stages).containsOnly(Stage.MEDIA_DECODE);
        }
    }

    @Test
    void anEncoderWhoseRowsDifferFromImageSeqLengthIsRefusedWithBothNumbers() throws Exception {
        Path f = variant("seq80", d -> editConfig(d, "config.json", c -> c.put("image_seq_length", 80)));
        assertThatThrownBy(() -> VisionLanguageModel.open(f, RuntimeOptions.cpu()).close())
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("the vision encoder gives 81 feature rows per image but config.json's image_seq_length "
                        + "places 80 image tokens");
    }

    @Test
    void incompleteFoldersSayWhatIsMissing() throws Exception {
        Path noIndex = variant("noindex", d -> editConfig(d, "config.json", c -> c.remove("image_token_index")));
        assertThatThrownBy(() -> VisionLanguageModel.open(noIndex, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("config.json has no image_token_index (or image_token_id): the id of the image "
                        + "placeholder token, which the image features replace, is needed");
        Path noPre = variant("nopre", d -> delete(d.resolve("preprocessor_config.json")));
        assertThatThrownBy(() -> VisionLanguageModel.open(noPre, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("an image-text-to-text folder (onnx/vision_encoder.onnx) needs preprocessor_config.json "
                        + "(the image processor's size, crop_size, image_mean, image_std), which is missing");
        Path noEmbed = variant("noembed", d -> delete(d.resolve("onnx/embed_tokens.onnx")));
        assertThatThrownBy(() -> VisionLanguageModel.open(noEmbed, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("needs the embed_tokens graph: looked for onnx/embed_tokens.onnx, onnx/embed_tokens_fp16.onnx");
        Path noTemplate = variant("notemplate", d -> editConfig(d, "tokenizer_config.json", c -> c.remove("chat_template")));
        assertThatThrownBy(() -> VisionLanguageModel.open(noTemplate, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("tokenizer_config.json has no chat_template: an image-text-to-text folder needs it "
                        + "to place the image token");
        Path textOnly = variant("textonly", d -> editConfig(d, "tokenizer_config.json", c -> c.put("chat_template",
                "{% for m in messages %}{{ m['role'] }}{% endfor %}")));
        assertThatThrownBy(() -> VisionLanguageModel.open(textOnly, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageContaining("the chat template of tokenizer_config.json renders no <|dummy3|> (config.json's image "
                        + "token) for an image part {\"type\": \"image\"}");
    }

    @Test
    void withoutImageSeqLengthItIsDerivedFromThePatchGridAndNoted() throws Exception {
        Path f = variant("noseq", d -> editConfig(d, "config.json", c -> c.remove("image_seq_length")));
        ModelSpec spec = io.glimpse.inference.model.ModelFolder.read(f);
        // (378 / 42)²: the folder's patch grid matches its image_seq_length, so the derived count is the same
        assertThat(spec.vision().imageSeqLength()).isEqualTo(81);
        assertThat(spec.notes()).contains("config.json gives no image_seq_length; assumed (vision_config.image_size / "
                + "patch_size)² = 81 (LLaVA's default feature selection, without the CLS row)");
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
