package io.glimpse.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tokenizer a folder gets, and the one-line errors when it has none. */
class TokenizersTest {
    static final String NONE = ": no tokenizer found (looked for tokenizer.json, vocab.json + merges.txt, tokenizer.bin/tok*.bin)";

    @Test
    void picksTheFormatOfEachFolder() throws Exception {
        try (Tokenizer t = Tokenizers.open(Fixtures.dir("ort-genai/tiny-random-llama-fp16"))) {
            assertThat(t).isInstanceOf(HfTokenizer.class);
        }
        try (Tokenizer t = Tokenizers.open(Fixtures.dir("llama2c"))) { // tok512.bin, not the stories260K.bin checkpoint
            assertThat(t).isInstanceOf(Llama2cTokenizer.class);
            assertThat(t.encode("Once upon a time", true)).containsExactly(1, 403, 407, 261, 378);
        }
        try (Tokenizer t = Tokenizers.open(Fixtures.dir("llama2c"), "tok512.bin")) {
            assertThat(t.vocabSize()).isEqualTo(512);
        }
    }

    @Test
    void folderWithOnlyATokenizerConfigFailsClearly() {
        Path hcx = Fixtures.dir("hyperclovax-seed-text-0.5b"); // tokenizer_config.json, no vocab
        assertThatThrownBy(() -> Tokenizers.open(hcx))
                .isInstanceOf(ModelFolderException.class)
                .hasMessage(hcx + NONE);
    }

    @Test
    void otherFailuresAreOneLine(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Tokenizers.open(dir)).hasMessage(dir + NONE);
        assertThatThrownBy(() -> Tokenizers.open(dir.resolve("missing"))).hasMessage(dir.resolve("missing") + ": not a folder");
        assertThatThrownBy(() -> Tokenizers.open(dir, "tok512.bin")).hasMessage(dir.resolve("tok512.bin") + ": tokenizer file not found");

        Files.write(dir.resolve("tok1.bin"), new byte[] {7, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> Tokenizers.open(dir)).hasMessage(dir.resolve("tok1.bin") + ": cannot read tokenizer: "
                + dir.resolve("tok1.bin") + ": not a llama2.c tokenizer (truncated)");
        Files.write(dir.resolve("tok2.bin"), new byte[0]);
        assertThatThrownBy(() -> Tokenizers.open(dir)).hasMessage(dir + ": several llama2.c tokenizers [tok1.bin, tok2.bin]; name one");
    }

    @Test
    void slowTokenizerFolderHonoursAddBosTokenAndRefusesOtherClasses(@TempDir Path dir) throws Exception {
        Path exaone = Fixtures.dir("exaone-3.5-tokenizer");
        Files.copy(exaone.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(exaone.resolve("merges.txt"), dir.resolve("merges.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"tokenizer_class": "GPT2Tokenizer", "add_bos_token": true, "bos_token": "[BOS]",
                 "added_tokens_decoder": {"1": {"content": "[BOS]", "special": true}}}""");
        try (Tokenizer t = Tokenizers.open(dir)) {
            assertThat(t.encode("Hello", true)).containsExactly(1, 33381);
            assertThat(t.encode("Hello", false)).containsExactly(33381);
            assertThat(t.decode(new int[] {1, 33381}, true)).isEqualTo("Hello");
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"Qwen2Tokenizer\"}");
        assertThatThrownBy(() -> Tokenizers.open(dir)).isInstanceOf(ModelFolderException.class)
                .hasMessage(dir + ": cannot read vocab.json + merges.txt: " + dir
                        + ": tokenizer_class Qwen2Tokenizer with vocab.json + merges.txt is not supported (only GPT2Tokenizer)");
    }
}
