package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtDecoderTest {
    static final int[] PROMPT = {1, 403, 407, 261, 378}; // BOS " Once upon a time"
    /** llama2.c run.c greedy output after the prompt (fixtures/llama2c/README.md). */
    static final int[] GOLDEN = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337,
            410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432,
            352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270,
            333, 415, 426, 13, 438, 310};

    @TempDir
    Path tmp;

    static List<Integer> greedy(Decoder decoder, int[] prompt, int newTokens, boolean prefill) {
        decoder.reset();
        float[] logits = null;
        if (prefill) {
            logits = decoder.forward(prompt);
        } else {
            for (int t : prompt) {
                logits = decoder.forward(new int[] {t});
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < newTokens; i++) {
            int next = Fixtures.argmax(logits, decoder.vocabSize());
            out.add(next);
            if (i + 1 < newTokens) {
                logits = decoder.forward(new int[] {next});
            }
        }
        return out;
    }

    @Test
    void stories260kReproducesTheLlama2cGoldenIds() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("llama2c"));
        assertThat(spec.source()).isEqualTo("genai_config.json");
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            assertThat(decoder.provider()).isEqualTo("CPU");
            List<Integer> prefilled = greedy(decoder, PROMPT, GOLDEN.length, true);
            assertThat(prefilled).containsExactly(Arrays.stream(GOLDEN).boxed().toArray(Integer[]::new));
            assertThat(greedy(decoder, PROMPT, GOLDEN.length, false)).isEqualTo(prefilled);
            assertThat(decoder.position()).isEqualTo(PROMPT.length + GOLDEN.length - 1);
        }
    }

    @Test
    void stories260kGivesTheCommaItsPublishedProbability() throws Exception {
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(Fixtures.folder("llama2c")), RuntimeOptions.cpu())) {
            float[] logits = decoder.forward(PROMPT);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 512; i++) {
                max = Math.max(max, logits[i]);
            }
            double sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += Math.exp(logits[i] - max);
            }
            assertThat(Math.exp(logits[432] - max) / sum).isCloseTo(0.968794, Offset.offset(1e-5));
        }
    }

    @Test
    void tinyGpt2WithStackedCacheAndInt32InputsMatchesUpstream() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("ort-genai/tiny-random-gpt2-fp32"));
        assertThat(spec.decoder().layout()).isEqualTo(KvLayout.STACKED);
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            // upstream GreedySearchGptFp32: [0,0,0,52] → 204 ×6 ; [0,0,195,731] → 731, 114 ×5
            assertThat(greedy(decoder, new int[] {0, 0, 0, 52}, 6, true)).containsExactly(204, 204, 204, 204, 204, 204);
            assertThat(greedy(decoder, new int[] {0, 0, 195, 731}, 6, true)).containsExactly(731, 114, 114, 114, 114, 114);
            assertThat(greedy(decoder, new int[] {0, 0, 195, 731}, 6, false)).containsExactly(731, 114, 114, 114, 114, 114);
        }
    }

    @Test
    void tinyLlamaWithFp16CacheGivesTheSameTokensWithAndWithoutTheCache() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("ort-genai/tiny-random-llama-fp16"));
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            int[] prompt = {0, 306, 4658, 278, 6593};
            List<Integer> cached = greedy(decoder, prompt, 8, true);
            // without the cache: every step recomputes the whole sequence from scratch
            List<Integer> recomputed = new ArrayList<>();
            int[] seq = prompt.clone();
            for (int i = 0; i < 8; i++) {
                decoder.reset();
                float[] logits = decoder.forward(seq);
                int next = Fixtures.argmax(logits, decoder.vocabSize());
                recomputed.add(next);
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
            assertThat(cached).isEqualTo(recomputed);
        }
    }

    @Test
    void forwardArgmaxOnFloat16LogitsPicksWhatTheConvertedRowPicks() throws Exception {
        ModelSpec spec = ModelFolder.read(Fixtures.folder("ort-genai/tiny-random-llama-fp16"));
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            int[] prompt = {0, 306, 4658, 278, 6593};
            List<Integer> expected = greedy(decoder, prompt, 12, true);
            decoder.reset();
            List<Integer> fast = new ArrayList<>();
            int next = decoder.forwardArgmax(prompt);
            for (int i = 0; i < 12; i++) {
                fast.add(next);
                next = decoder.forwardArgmax(new int[] {next});
            }
            assertThat(fast).isEqualTo(expected);
        }
    }

    @Test
    void contextOverflowIsRefused() throws Exception {
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(Fixtures.folder("llama2c")), RuntimeOptions.cpu())) {
            assertThatThrownBy(() -> decoder.forward(new int[513]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the cache would hold 513 tokens, over the context length 512");
        }
    }

    @Test
    void wiringThatDoesNotMatchTheGraphNamesExpectedAndFound() throws Exception {
        Path src = Fixtures.folder("llama2c");
        Path folder = Files.createDirectories(tmp.resolve("bad"));
        Files.copy(src.resolve("stories260K.onnx"), folder.resolve("stories260K.onnx"));
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "stories260K.onnx", "layers": 5, "kv_heads": 4, "head_size": 8,
                             "inputs": {"past_key": "past.%d.k", "past_value": "past_key_values.%d.value"}},
                 "vocab_size": 512, "context_length": 512}""");
        ModelSpec spec = ModelFolder.read(folder);
        assertThatThrownBy(() -> OrtDecoder.open(spec, RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessageStartingWith(folder + ": the decoder's inputs do not match glimpse.json: expected [input_ids, attention_mask, past.0.k,")
                .hasMessageContaining("missing [past.0.k, past.1.k, past.2.k, past.3.k, past.4.k]")
                .hasMessageContaining("the graph has [attention_mask, input_ids, past_key_values.0.key,");
    }

    @Test
    void vocabSizeThatDisagreesWithTheLogitsIsRefused() throws Exception {
        Path src = Fixtures.folder("llama2c");
        Path folder = Files.createDirectories(tmp.resolve("vocab"));
        Files.copy(src.resolve("stories260K.onnx"), folder.resolve("stories260K.onnx"));
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "stories260K.onnx", "layers": 5, "kv_heads": 4, "head_size": 8},
                 "vocab_size": 1000, "context_length": 512}""");
        assertThatThrownBy(() -> OrtDecoder.open(ModelFolder.read(folder), RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": glimpse.json says vocab_size 1000 but the decoder's logits are 512 wide");
    }

    @Test
    void declaredDtypesAreCheckedAgainstTheGraph() throws Exception {
        Path src = Fixtures.folder("llama2c");
        Path folder = Files.createDirectories(tmp.resolve("dtype"));
        Files.copy(src.resolve("stories260K.onnx"), folder.resolve("stories260K.onnx"));
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "stories260K.onnx", "layers": 5, "kv_heads": 4, "head_size": 8,
                             "kv_dtype": "float16", "id_dtype": "int64"},
                 "vocab_size": 512, "context_length": 512}""");
        assertThatThrownBy(() -> OrtDecoder.open(ModelFolder.read(folder), RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": glimpse.json says kv_dtype float16 but the graph's past_key_values.0.key is float32");
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "stories260K.onnx", "layers": 5, "kv_heads": 4, "head_size": 8,
                             "inputs": {"position_ids": null}},
                 "vocab_size": 512, "context_length": 512}""");
        assertThatThrownBy(() -> OrtDecoder.open(ModelFolder.read(folder), RuntimeOptions.cpu()))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": glimpse.json says the decoder takes no position ids, but the graph has a position_ids input");
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "stories260K.onnx", "layers": 5, "kv_heads": 4, "head_size": 8,
                             "kv_dtype": "float32", "id_dtype": "int64"},
                 "vocab_size": 512, "context_length": 512}""");
        try (OrtDecoder ok = OrtDecoder.open(ModelFolder.read(folder), RuntimeOptions.cpu())) {
            assertThat(greedy(ok, PROMPT, 3, true)).containsExactly(432, 383, 286);
        }
    }

    @Test
    void cudaOnAMachineWithoutItFallsBackToCpuAndSaysWhy() throws Exception {
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(Fixtures.folder("llama2c")), new RuntimeOptions(true, 1))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(decoder.provider().equals("CPU"), "this machine runs CUDA; fallback not testable");
            assertThat(decoder.fallbackReason()).startsWith("CUDA unavailable, running on CPU: ");
            assertThat(greedy(decoder, PROMPT, 3, true)).containsExactly(432, 383, 286);
        }
    }
}
