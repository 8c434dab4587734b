package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.Model;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three folder layouts Glimpse opens, and what it says about folders it cannot use. */
class ModelFolderTest {
    static final String GOLDEN_START = ", there was a little girl named Lily"; // the first 10 golden tokens

    @TempDir
    Path tmp;

    /** stories260K's graph already uses the optimum names; only the folder layout changes. */
    private Path copyStories(Path folder, String onnxName) throws Exception {
        Path src = Fixtures.folder("llama2c");
        Files.createDirectories(folder.resolve(onnxName).getParent());
        Files.copy(src.resolve("stories260K.onnx"), folder.resolve(onnxName));
        Files.copy(src.resolve("tok512.bin"), folder.resolve("tok512.bin"));
        return folder;
    }

    private static String greedyText(Path folder) throws Exception {
        try (Model m = Model.open(folder, RuntimeOptions.cpu())) {
            GenerationResult r = m.generator().generate("Once upon a time", true,
                    new GenerationRequest(10, SamplingParams.greedy(), m.stopIds(), m.stopStrings()), TextListener.NONE, CancelToken.NONE);
            return r.text();
        }
    }

    @Test
    void anOptimumExportOpensWithTheConventionalNames() throws Exception {
        Path folder = copyStories(tmp.resolve("optimum"), "onnx/model.onnx");
        Files.writeString(folder.resolve("config.json"), """
                {"model_type": "llama", "num_hidden_layers": 5, "num_attention_heads": 8, "num_key_value_heads": 4,
                 "hidden_size": 64, "vocab_size": 512, "max_position_embeddings": 512, "bos_token_id": 1, "eos_token_id": 1}""");
        Files.writeString(folder.resolve("generation_config.json"), "{\"eos_token_id\": [1, 2], \"do_sample\": false}");
        ModelSpec spec = ModelFolder.read(folder);
        assertThat(spec.source()).isEqualTo("config.json");
        assertThat(spec.decoder().file()).isEqualTo("onnx/model.onnx");
        assertThat(spec.decoder().headSize()).isEqualTo(8);
        assertThat(spec.stopIds()).containsExactlyInAnyOrder(1, 2);
        assertThat(spec.sampling()).containsEntry("do_sample", false);
        assertThat(spec.notes()).anyMatch(n -> n.startsWith("tensor names assumed"));
        assertThat(greedyText(folder)).isEqualTo(GOLDEN_START);
    }

    @Test
    void aGlimpseJsonFolderOpensWithItsOwnWiring() throws Exception {
        Path folder = copyStories(tmp.resolve("glimpse"), "decoder.onnx");
        Files.writeString(folder.resolve("glimpse.json"), """
                {"decoder": {"file": "decoder.onnx", "layers": 5, "kv_heads": 4, "head_size": 8},
                 "vocab_size": 512, "context_length": 512, "tokenizer": "tok512.bin",
                 "stop": {"ids": [1], "strings": [" Lily"]}}""");
        // the stop string ends the text before " Lily"
        assertThat(greedyText(folder)).isEqualTo(", there was a little girl named");
    }

    @Test
    void theFoldersOwnJinjaChatTemplateIsPreferred() throws Exception {
        Path llama = Fixtures.folder("ort-genai/tiny-random-llama-fp16");
        try (Model m = Model.open(llama, RuntimeOptions.cpu())) {
            var template = m.chatTemplate().orElseThrow();
            assertThat(template).isInstanceOf(io.glimpse.inference.chat.JinjaChatTemplate.class);
            // the Llama-2 template of the folder: BOS, [INST] with the system prompt folded in
            assertThat(template.render(java.util.List.of(io.glimpse.inference.chat.ChatMessage.system("Be brief."),
                    io.glimpse.inference.chat.ChatMessage.user("Hi")), true))
                    .isEqualTo("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST]");
        }
    }

    @Test
    void aMissingDecoderFileIsNamed() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("missing"));
        Files.writeString(folder.resolve("genai_config.json"), """
                {"model": {"decoder": {"filename": "model.onnx", "num_hidden_layers": 2, "num_key_value_heads": 1, "head_size": 16},
                           "vocab_size": 10, "context_length": 64}}""");
        assertThatThrownBy(() -> ModelFolder.read(folder)).isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": genai_config.json names model.onnx, which is missing");
    }

    @Test
    void aFolderOfNoKnownLayoutSaysWhatItLookedFor() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ModelFolder.read(folder)).isInstanceOf(ModelFolderException.class)
                .hasMessage(folder + ": not a model folder Glimpse knows: no glimpse.json, genai_config.json or config.json "
                        + "(with onnx/model.onnx or onnx/decoder_model_merged.onnx)");
        Path hcx = Fixtures.folder("hyperclovax-seed-text-0.5b");
        assertThatThrownBy(() -> ModelFolder.read(hcx)).isInstanceOf(ModelFolderException.class)
                .hasMessageStartingWith(hcx + ": config.json is there but no ONNX decoder: looked for onnx/model.onnx, ");
        Files.writeString(folder.resolve("glimpse.json"), "{ not json");
        assertThatThrownBy(() -> ModelFolder.read(folder)).isInstanceOf(ModelFolderException.class)
                .hasMessageStartingWith(folder + ": glimpse.json is not valid JSON (");
    }

    @Test
    void aTokenizerLargerThanTheModelsVocabularyIsRefused() {
        // the fixture's tokenizer.json is GPT-2's full 50,257-token BPE; the model has 1,000 logits
        Path gpt2 = Fixtures.folder("ort-genai/tiny-random-gpt2-fp32");
        assertThatThrownBy(() -> Model.open(gpt2, RuntimeOptions.cpu())).isInstanceOf(ModelFolderException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(gpt2.toString())
                        + ": the tokenizer has 5\\d{4} tokens, more than the model's vocabulary of 1000");
    }

    @Test
    void tinyGpt2GreedyEqualsRecomputingWithoutTheCache() throws Exception {
        try (OrtDecoder decoder = OrtDecoder.open(ModelFolder.read(Fixtures.folder("ort-genai/tiny-random-gpt2-fp32")), RuntimeOptions.cpu())) {
            int[] seq = {0, 0, 195, 731};
            java.util.List<Integer> cached = OrtDecoderTest.greedy(decoder, seq, 6, true);
            java.util.List<Integer> recomputed = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                decoder.reset();
                int next = Fixtures.argmax(decoder.forward(seq), decoder.vocabSize());
                recomputed.add(next);
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
            assertThat(cached).isEqualTo(recomputed);
        }
    }
}
