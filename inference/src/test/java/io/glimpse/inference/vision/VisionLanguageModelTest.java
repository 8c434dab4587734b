package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole pipeline on the random-weight test model: answers, stages, cancel in every stage, bad input. */
class VisionLanguageModelTest {
    @TempDir
    static Path tmp;
    static Path folder;
    static VisionLanguageModel model;
    static Path image;
    static Path video;

    @BeforeAll
    static void writeAndOpenTheRandomModel() throws Exception {
        folder = tmp.resolve("random");
        TestModelWriter.write(folder, TestModelWriter.Family.HCX_VISION, 7);
        model = VisionLanguageModel.open(folder, RuntimeOptions.cpu());
        image = VisionTestMedia.png(tmp, "photo.png", VisionTestMedia.gradient(640, 480, 3));
        video = VisionTestMedia.video(tmp, "clip.mp4", 30);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationRequest tokens(int n) {
        return new GenerationRequest(n, SamplingParams.greedy(), Set.of(), List.of());
    }

    static AskRequest imageAndVideo(int maxTokens) {
        return AskRequest.of("Describe both.", tokens(maxTokens)).withImage(image, "").withVideo(video)
                .withFrames(SamplingRequest.of(new FrameSelection.Count(10)), 64);
    }

    /** Records stages and text, and cancels when a chosen stage is reported. */
    static final class Recorder implements AskListener {
        final List<Stage> stages = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final CancelToken cancel = new CancelToken();
        final Stage cancelAt;

        Recorder(Stage cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void onStage(Stage stage, double fraction) {
            assertThat(fraction).isBetween(0.0, 1.0);
            if (stages.isEmpty() || stages.get(stages.size() - 1) != stage) {
                stages.add(stage);
            }
            if (stage == cancelAt) {
                cancel.cancel();
            }
        }

        @Override
        public void onText(String piece) {
            text.append(piece);
        }
    }

    @Test
    void theRandomModelAnswersAndItsPromptIsExactlyTheLedgersCount() throws Exception {
        Recorder rec = new Recorder(null);
        AskResult result = model.ask(imageAndVideo(6), rec, rec.cancel);

        assertThat(result.generation().promptTokens()).isEqualTo(result.ledger().promptTokens());
        // image 640x480 unpad: 347; video of 10 frames: 153 + 81 (hcx-spec.md §5.4, §6.2)
        assertThat(result.ledger().segments()).filteredOn(s -> s.source().equals("photo.png"))
                .singleElement().satisfies(s -> assertThat(s.detail()).containsEntry("visual", 347));
        assertThat(result.ledger().segments()).filteredOn(s -> s.source().equals("clip.mp4"))
                .singleElement().satisfies(s -> assertThat(s.detail()).containsEntry("visual", 234));
        assertThat(result.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
        assertThat(result.generation().generatedTokens()).isBetween(1, 6);
        assertThat(rec.text.toString()).isEqualTo(result.text());
        assertThat(rec.stages).containsExactly(Stage.MEDIA_DECODE, Stage.PREPROCESS, Stage.VISION_ENCODE, Stage.PREFILL,
                Stage.DECODE);
        AskTimings t = result.timings();
        assertThat(t.visionEncodeMs()).isPositive();
        assertThat(t.visionEncodeRuntimeMs()).isPositive().isLessThanOrEqualTo(t.visionEncodeMs());
        assertThat(t.totalMs()).isGreaterThanOrEqualTo(t.mediaDecodeMs() + t.preprocessMs() + t.visionEncodeMs());
        assertThat(t.timeToFirstTokenMs()).isGreaterThan(t.mediaDecodeMs());
        assertThat(t.outsideRuntimeShare()).isBetween(0.0, 1.0);
    }

    @Test
    void theSameRequestGivesTheSameGreedyAnswer() throws Exception {
        AskResult a = model.ask(imageAndVideo(5), AskListener.NONE, CancelToken.NONE);
        AskResult b = model.ask(imageAndVideo(5), AskListener.NONE, CancelToken.NONE);
        assertThat(b.generation().tokenIds()).containsExactly(a.generation().tokenIds());
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void aCancelInAnyStageEndsTheAskAsCancelled(Stage stage) throws Exception {
        Recorder rec = new Recorder(stage);
        long encoderBefore = model.encoder().runNanos();
        AskResult result = model.ask(imageAndVideo(20), rec, rec.cancel);

        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(rec.stages).last().isEqualTo(stage);
        if (stage.compareTo(Stage.VISION_ENCODE) <= 0) {
            assertThat(model.encoder().runNanos()).as("encoder runs after the cancel").isEqualTo(encoderBefore);
        }
        if (stage == Stage.DECODE) {
            assertThat(result.generation().generatedTokens()).isEqualTo(1); // the step that reported DECODE was the last
        } else {
            assertThat(result.generation().generatedTokens()).isZero();
        }
        assertThat(result.ledger() == null).isEqualTo(stage == Stage.MEDIA_DECODE);
    }

    @Test
    void aRequestOverTheContextIsRefusedBeforeAnythingIsEncoded() {
        Recorder rec = new Recorder(null);
        long encoderBefore = model.encoder().runNanos();
        assertThatThrownBy(() -> model.ask(imageAndVideo(8000), rec, rec.cancel))
                .isInstanceOf(RequestTooLongException.class)
                .hasMessageContaining("plus the requested answer (8000 tokens)")
                .hasMessageContaining("over the model's context length of 8192 by")
                .satisfies(e -> assertThat(((RequestTooLongException) e).ledger().visualTokens()).isGreaterThan(347 + 234));
        assertThat(model.encoder().runNanos()).isEqualTo(encoderBefore);
        assertThat(rec.stages).containsExactly(Stage.MEDIA_DECODE);
    }

    @Test
    void aPlaceholderTypedIntoTheTextIsRefused() {
        AskRequest request = AskRequest.of("what is <|dummy3|>?", tokens(2)).withImage(image, "");
        assertThatThrownBy(() -> model.ask(request, AskListener.NONE, CancelToken.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the text contains the placeholder <|dummy3|>; Glimpse places images and videos itself: "
                        + "remove it from the question, system prompt, OCR text or history");
        AskRequest ocr = AskRequest.of("what?", tokens(2)).withImage(image, "<|_unuse_missing_100270|>");
        assertThatThrownBy(() -> model.ask(ocr, AskListener.NONE, CancelToken.NONE))
                .hasMessageStartingWith("the text contains the placeholder <|_unuse_missing_100270|>;");
    }

    @Test
    void aVideoWithNoDecodableFrameIsAMediaError() throws Exception {
        Path cut = VisionTestMedia.truncatedVideo(Files.createDirectories(tmp.resolve("cut")));
        AskRequest request = AskRequest.of("?", tokens(2)).withVideo(cut);
        assertThatThrownBy(() -> model.ask(request, AskListener.NONE, CancelToken.NONE))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith(cut + ": no frame decodes");
    }

    @Test
    void anImageOverThePixelLimitIsRefused() {
        model.imageLoader(ImageLoader.defaults().withMaxPixels(300_000));
        try {
            assertThatThrownBy(() -> model.ask(AskRequest.of("?", tokens(2)).withImage(image, ""), AskListener.NONE,
                    CancelToken.NONE))
                    .isInstanceOf(MediaException.class)
                    .hasMessage(image + ": image is 640x480 (0.3 MP), over the limit of 0.3 MP");
        } finally {
            model.imageLoader(ImageLoader.defaults());
        }
    }

    @Test
    void aMissingEncoderGraphIsNamed() throws Exception {
        Path copy = copyOfModel("no-encoder");
        Files.delete(copy.resolve("onnx/vision_encoder.onnx"));
        assertThatThrownBy(() -> VisionLanguageModel.open(copy, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the model folder has no onnx/vision_encoder.onnx (named by glimpse.json vision.encoder.file)");
    }

    @Test
    void aHiddenSizeThatDiffersFromTheGraphsIsRefusedWithBothNumbers() throws Exception {
        Path copy = copyOfModel("narrow");
        Files.writeString(copy.resolve("glimpse.json"),
                Files.readString(copy.resolve("glimpse.json")).replaceAll("\"hidden_size\"\\s*:\\s*64", "\"hidden_size\" : 32"));
        assertThatThrownBy(() -> VisionLanguageModel.open(copy, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": image_newline.npy has 64 values but glimpse.json vision.hidden_size is 32");
    }

    @Test
    void aDecoderWhoseEmbeddingsDifferFromTheHiddenSizeIsRefusedWithBothNumbers() throws Exception {
        Path copy = copyOfModel("narrow-decoder");
        Files.writeString(copy.resolve("glimpse.json"), Files.readString(copy.resolve("glimpse.json"))
                .replaceAll("\"hidden_size\"\\s*:\\s*64", "\"hidden_size\" : 32")
                .replaceAll("\"image_newline\"\\s*:\\s*\"image_newline.npy\"\\s*,", ""));
        Files.writeString(copy.resolve("config.json"), Files.readString(copy.resolve("config.json"))
                .replaceAll("\"unpad\"\\s*:\\s*true", "\"unpad\" : false"));
        assertThatThrownBy(() -> VisionLanguageModel.open(copy, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the decoder's inputs_embeds rows are 64 wide but glimpse.json vision.hidden_size is 32");
    }

    @Test
    void encoderNamesThatDoNotMatchAreListed() throws Exception {
        Path copy = copyOfModel("renamed");
        Files.writeString(copy.resolve("glimpse.json"),
                Files.readString(copy.resolve("glimpse.json")).replace("\"image_features\"", "\"features\""));
        assertThatThrownBy(() -> VisionLanguageModel.open(copy, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the vision encoder's outputs do not match glimpse.json: expected [features], "
                        + "missing [features], the graph has [image_features]");
    }

    @Test
    void aNewlineMissingWhileUnpadIsOnIsRefused() throws Exception {
        Path copy = copyOfModel("no-newline");
        Files.writeString(copy.resolve("glimpse.json"), Files.readString(copy.resolve("glimpse.json"))
                .replaceAll("\"image_newline\"\\s*:\\s*\"image_newline.npy\"\\s*,", ""));
        assertThatThrownBy(() -> VisionLanguageModel.open(copy, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": config.json turns unpad on, so hcx-anyres stitching ends every row with the newline "
                        + "vector, but glimpse.json names no vision.image_newline");
    }

    @Test
    void theTextModelLoaderRefusesAVisionFolder() {
        assertThatThrownBy(() -> io.glimpse.inference.Model.open(folder, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": the decoder takes embeddings (inputs_embeds), not token ids: a vision-language model, "
                        + "opened with VisionLanguageModel (glimpse ask)");
    }

    static Path copyOfModel(String name) throws Exception {
        Path copy = tmp.resolve(name);
        TestModelWriter.write(copy, TestModelWriter.Family.HCX_VISION, 7);
        return copy;
    }
}
