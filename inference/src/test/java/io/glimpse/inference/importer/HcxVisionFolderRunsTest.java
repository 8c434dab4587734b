package io.glimpse.inference.importer;

import static io.glimpse.inference.importer.HcxLanguageModelTest.npyFloats;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An imported HCX vision folder opens with the runtime's {@link VisionLanguageModel} (every cross-check of
 * docs/model-format.md) and answers an image question, at each precision; the fp16 tower stays near the reference.
 */
class HcxVisionFolderRunsTest {
    @TempDir
    static Path dir;
    static Path source;
    static Path image;

    @BeforeAll
    static void checkpointAndPicture() throws Exception {
        source = TinyHcxCheckpoint.withTokenizer(dir.resolve("checkpoint"));
        BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.BLUE);
        g.fillOval(100, 100, 300, 200);
        g.dispose();
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void theImportedFolderAnswersAnImageQuestion(Precision precision) throws Exception {
        Path out = dir.resolve("imported-" + precision.cliName());
        ImportReport report = new Importer().run(source, out, ImportOptions.defaults().withPrecision(precision),
                ImportListener.NONE, CancelToken.NONE);
        assertThat(report.files()).containsKeys("onnx/vision_encoder.onnx", "onnx/vision_encoder.onnx_data",
                "onnx/embed_tokens.onnx", "onnx/embed_tokens.onnx_data", "onnx/decoder_model_merged.onnx",
                "onnx/decoder_model_merged.onnx_data", "image_newline.npy", "glimpse.json", "tokenizer.json");
        try (VisionLanguageModel model = VisionLanguageModel.open(out, RuntimeOptions.cpu())) {
            AskRequest ask = AskRequest.of("What is this?",
                    new GenerationRequest(8, SamplingParams.greedy(), Set.of(), List.of())).withImage(image, "");
            AskResult r = model.ask(ask, AskListener.NONE, CancelToken.NONE);
            assertThat(r.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
            assertThat(r.generation().promptTokens()).isEqualTo(r.ledger().promptTokens());
            // 640x480 → 2x2 grid with unpad: 81 global + 14·18 local + 14 newlines
            assertThat(r.ledger().segments()).filteredOn(s -> s.source().equals("picture.png"))
                    .singleElement().satisfies(s -> assertThat(s.tokens()).isGreaterThanOrEqualTo(347));
            System.out.printf("imported %s: prompt %d tokens, answer ids %s%n", precision.cliName(),
                    r.generation().promptTokens(), java.util.Arrays.toString(r.generation().tokenIds()));
        }
        if (precision == Precision.FP16) {
            float[] pixels = npyFloats(TinyHcxCheckpoint.fixture().resolve("pixel_values_cars.npy"));
            float[] rows = HcxVisionImportTest.run(out.resolve("onnx/vision_encoder.onnx"), Map.of(
                    "pixel_values", t -> OnnxTensor.createTensor(t, FloatBuffer.wrap(pixels), new long[] {1, 3, 378, 378}),
                    "num_queries", t -> OnnxTensor.createTensor(t, LongBuffer.wrap(new long[] {81}), new long[] {1})));
            double d = HcxVisionImportTest.maxAbsDiff(rows,
                    npyFloats(TinyHcxCheckpoint.fixture().resolve("projector_q81_cars.npy")));
            System.out.printf("imported fp16 vision_encoder, projector_q81_cars: max |delta| = %.3g%n", d);
            assertThat(d).isLessThan(1e-3);
        }
    }
}
