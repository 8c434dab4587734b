package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated transformers.js-layout ("generic") folder, given a glimpse.json by hand: an encoder with
 * no num_queries input that returns [G, 81, D], rows stitching, no newline. Images run; a video is refused
 * before anything is decoded.
 */
class FixedQueryEncoderTest {
    static final String GLIMPSE_JSON = """
            {"vocab_size": 264, "context_length": 8192, "tokenizer": "tokenizer.json",
             "stop": {"ids": [259, 260], "strings": ["<|endofturn|>", "<|stop|>"]},
             "decoder": {"file": "onnx/decoder_model_merged.onnx", "inputs": {"inputs_embeds": "inputs_embeds"},
                         "layers": 2, "kv_heads": 2, "head_size": 16},
             "vision": {"encoder": {"file": "onnx/vision_encoder.onnx", "num_queries": null},
                        "embed_tokens": {"file": "onnx/embed_tokens.onnx"}, "hidden_size": 64,
                        "image_token": "<|dummy3|>", "image_token_id": 261,
                        "video_token": "<|_unuse_missing_100270|>", "video_token_id": 262, "stitching": "rows"}}""";

    @TempDir
    static Path tmp;
    static VisionLanguageModel model;

    @BeforeAll
    static void open() throws Exception {
        Path folder = tmp.resolve("generic");
        TestModelWriter.write(folder, TestModelWriter.Family.GENERIC, 5);
        Files.writeString(folder.resolve("glimpse.json"), GLIMPSE_JSON);
        model = VisionLanguageModel.open(folder, RuntimeOptions.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationRequest tokens(int n) {
        return new GenerationRequest(n, SamplingParams.greedy(), Set.of(), List.of());
    }

    @Test
    void anImageRunsThroughAFixedQueryEncoderWithRowsStitching() throws Exception {
        Path image = VisionTestMedia.png(tmp, "p.png", VisionTestMedia.gradient(640, 480, 1));
        AskResult result = model.ask(AskRequest.of("What?", tokens(4)).withImage(image, ""), AskListener.NONE, CancelToken.NONE);
        assertThat(model.encoder().takesNumQueries()).isFalse();
        assertThat(model.processor().settings().unpad()).isFalse();
        // 2x2 grids + the global tile, 81 rows each (hcx-spec.md §5.4 table: 640x480 without unpad)
        assertThat(result.ledger().segments()).filteredOn(s -> s.source().equals("p.png"))
                .singleElement().satisfies(s -> assertThat(s.detail()).containsEntry("visual", 405));
        assertThat(result.generation().promptTokens()).isEqualTo(result.ledger().promptTokens());
        assertThat(result.generation().generatedTokens()).isBetween(1, 4);
    }

    @Test
    void aVideoIsRefusedBecauseTheEncoderCannotPoolSlowAndFastGrids() throws Exception {
        Path video = VisionTestMedia.video(tmp, "v.mp4", 10);
        assertThatThrownBy(() -> model.ask(AskRequest.of("?", tokens(2)).withVideo(video), AskListener.NONE, CancelToken.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this model's vision encoder has no num_queries input, so it cannot pool video grids "
                        + "(slow and fast): ask about images only");
    }
}
