package io.glimpse.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tokenizer.json files of the onnxruntime-genai fixtures, through DJL. */
class HfTokenizerTest {

    @Test
    void gpt2EncodesKnownIdsWithoutAddingOrTruncating() throws IOException {
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.dir("ort-genai/tiny-random-gpt2-fp32").resolve("tokenizer.json"))) {
            // GPT-2's well-known ids: "Hello" 15496, "Ġworld" 995; its post-processor adds nothing.
            assertThat(tok.encode("Hello world", false)).containsExactly(15496, 995);
            assertThat(tok.encode("Hello world", true)).containsExactly(15496, 995);
            assertThat(tok.idOf("<|endoftext|>")).hasValue(50256);
            assertThat(tok.encode("Hello<|endoftext|>", false)).containsExactly(15496, 50256);
            // 50,257 vocab entries plus 38 added whitespace tokens at 50257..50294.
            assertThat(tok.vocabSize()).isEqualTo(50295);
            // DJL would truncate to 512 ids by default; we switched that off.
            String longText = "Hello world ".repeat(600).strip(); // Hello, Ġworld, then 599 x (ĠHello, Ġworld)
            int[] longIds = tok.encode(longText, false);
            assertThat(longIds.length).isEqualTo(1200);
            assertThat(tok.decode(longIds, true)).isEqualTo(longText);
            assertThat(tok.decode(new int[] {15496, 50256}, true)).isEqualTo("Hello");
            assertThat(tok.decode(new int[] {15496, 50256}, false)).isEqualTo("Hello<|endoftext|>");
        }
    }

    @Test
    void llamaAddsBosOnlyWhenAskedAndStreamsByteFallback() throws IOException {
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.dir("ort-genai/tiny-random-llama-fp16").resolve("tokenizer.json"))) {
            // Llama 2's well-known ids: BOS 1, "▁Hello" 15043, "▁world" 3186.
            assertThat(tok.encode("Hello world", true)).containsExactly(1, 15043, 3186);
            assertThat(tok.encode("Hello world", false)).containsExactly(15043, 3186);
            assertThat(tok.vocabSize()).isEqualTo(32000);
            assertThat(tok.idOf("<0x0A>")).hasValue(13);

            String text = "날씨 좋다 😀👍🏽 감사!";
            int[] ids = tok.encode(text, true);
            assertThat(ids).contains(0xF0 + 3); // emoji lead byte: byte fallback <0xF0>
            assertThat(tok.decode(ids, true)).isEqualTo(text);
            List<String> pieces = Fixtures.streamPieces(tok, ids);
            assertThat(String.join("", pieces)).isEqualTo(text);
            assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        }
    }

    @Test
    void isSafeToShareBetweenThreadsAndKeepsDjlOffline() throws Exception {
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.dir("ort-genai/tiny-random-gpt2-fp32").resolve("tokenizer.json"))) {
            List<String> texts = java.util.stream.IntStream.range(0, 64).mapToObj(i -> "text number " + i + " 😀 한국어").toList();
            List<int[]> sequential = texts.stream().map(t -> tok.encode(t, false)).toList();
            List<int[]> parallel = texts.parallelStream().map(t -> tok.encode(t, false)).toList();
            assertThat(parallel).usingRecursiveComparison().isEqualTo(sequential);
            if (System.getenv("DJL_OFFLINE") == null) {
                assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
            }
        }
    }

    @Test
    void vocabSizeCountsAddedTokensAboveTheModelVocabulary() throws IOException {
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.dir("ort-genai/phi3-v-dummy").resolve("tokenizer.json"))) {
            // 32,000 model pieces, added tokens up to id 32044.
            assertThat(tok.vocabSize()).isEqualTo(32045);
            assertThat(tok.idOf("<|end|>")).hasValue(32007);
            assertThat(tok.idOf("<|user|>")).hasValue(32010);
            assertThat(tok.encode("<|user|>", false)).containsExactly(32010);
        }
    }
}
