package io.glimpse.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** llama2.c tok512.bin against the public golden of fixtures/llama2c/README.md. */
class Llama2cTokenizerTest {
    /** Generated ids of `run stories260K.bin -z tok512.bin -t 0.0 -n 64 -i "Once upon a time"`. */
    static final int[] GOLDEN_GENERATED = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337,
        410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432,
        352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270,
        333, 415, 426, 13, 438, 310};
    static final String GOLDEN_TEXT = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park."
            + " One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily";

    static Llama2cTokenizer tok;

    @BeforeAll
    static void load() throws IOException {
        tok = Llama2cTokenizer.load(Fixtures.dir("llama2c").resolve("tok512.bin"));
    }

    @AfterAll
    static void close() {
        if (tok != null) {
            tok.close();
        }
    }

    @Test
    void encodesThePromptLikeRunC() {
        assertThat(tok.encode("Once upon a time", true)).containsExactly(1, 403, 407, 261, 378);
        assertThat(tok.encode("Once upon a time", false)).containsExactly(403, 407, 261, 378);
        assertThat(tok.encode("", true)).containsExactly(1); // no dummy prefix for empty text, as run.c
    }

    @Test
    void vocabularyFacts() {
        assertThat(tok.vocabSize()).isEqualTo(512);
        assertThat(tok.idOf(" ")).hasValue(410);
        assertThat(tok.idOf("<0x0A>")).hasValue(13);
        assertThat(tok.idOf("\n<s>\n")).hasValue(1);
        assertThat(tok.idOf("no such piece")).isEmpty();
    }

    @Test
    void decodesTheGoldenGeneration() {
        int[] all = IntStream.concat(IntStream.of(1, 403, 407, 261, 378), IntStream.of(GOLDEN_GENERATED)).toArray();
        assertThat(tok.decode(all, true)).isEqualTo(GOLDEN_TEXT);
        // Not skipping specials shows BOS's piece; the space after BOS is still stripped, as run.c.
        assertThat(tok.decode(new int[] {1, 403}, false)).isEqualTo("\n<s>\nOnce");
    }

    @Test
    void roundTripsAndNewlineIsByteFallback() {
        int[] ids = tok.encode("Lily was happy.\nThe end", true);
        assertThat(ids).contains(13); // <0x0A>: tok512 has no "\n" piece
        assertThat(tok.decode(ids, true)).isEqualTo("Lily was happy.\nThe end");
    }

    @Test
    void multiByteCharactersGoThroughByteFallbackAndStreamWhole() {
        String text = "안녕 😀";
        int[] ids = tok.encode(text, true);
        // BOS, dummy " ", 안 = EC 95 88, 녕 = EB 85 95, " ", 😀 = F0 9F 98 80, each byte + 3.
        assertThat(ids).containsExactly(1, 410, 0xEC + 3, 0x95 + 3, 0x88 + 3, 0xEB + 3, 0x85 + 3, 0x95 + 3,
                410, 0xF0 + 3, 0x9F + 3, 0x98 + 3, 0x80 + 3);
        assertThat(tok.decode(ids, true)).isEqualTo(text);
        List<String> pieces = Fixtures.streamPieces(tok, ids);
        assertThat(pieces).containsExactly("", "", "", "", "안", "", "", "녕", " ", "", "", "", "😀", "");
        assertThat(String.join("", pieces)).isEqualTo(text).doesNotContain("\uFFFD");
    }

    @Test
    void streamOfTheGoldenGenerationEqualsTheWholeDecode() {
        int[] all = IntStream.concat(IntStream.of(1, 403, 407, 261, 378), IntStream.of(GOLDEN_GENERATED)).toArray();
        List<String> pieces = Fixtures.streamPieces(tok, all);
        assertThat(pieces.subList(0, 3)).containsExactly("", "Once", " upon");
        assertThat(String.join("", pieces)).isEqualTo(GOLDEN_TEXT);
    }

    @Test
    void randomTextRoundTripsAndStreams() {
        String pool = "Once upon a time Lily 안녕하세요😀👍🏽é\n\t.,!";
        java.util.Random random = new java.util.Random(3);
        for (int n = 0; n < 200; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(30); i >= 0; i--) {
                sb.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
            }
            String text = sb.toString();
            int[] ids = tok.encode(text, true);
            assertThat(tok.decode(ids, true)).as("decode %s", text).isEqualTo(text);
            List<String> pieces = Fixtures.streamPieces(tok, ids);
            assertThat(String.join("", pieces)).as("stream %s", text).isEqualTo(text);
            assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        }
    }

    @Test
    void streamAfterPromptContextKeepsTheLeadingSpace() {
        TokenizerStream stream = new TokenizerStream(tok, true, new int[] {1, 403, 407, 261, 378});
        assertThat(stream.next(432)).isEqualTo(",");
        assertThat(stream.next(383)).isEqualTo(" there");
    }

    @Test
    void invalidBytesBecomeReplacementCharactersOnlyWhenTheyCannotComplete() {
        TokenizerStream stream = tok.stream();
        assertThat(stream.next(0xE4 + 3)).isEmpty(); // lead byte of a 3-byte character: held back
        assertThat(stream.next(0xB8 + 3)).isEmpty();
        assertThat(stream.flush()).isEqualTo("\uFFFD"); // the sequence ended: truly invalid
        // A lone continuation byte followed by text: the text completes the window, FFFD is real.
        TokenizerStream s2 = tok.stream();
        assertThat(s2.next(0x80 + 3)).isEmpty();
        assertThat(s2.next(tok.idOf("a").getAsInt())).isEqualTo("\uFFFDa");
    }
}
