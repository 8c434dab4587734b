package io.glimpse.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream algorithm alone, over a fake tokenizer whose ids are single bytes (the worst case). */
class TokenizerStreamTest {
    /** Id = one UTF-8 byte; id 256 is a special token with the text "<eos>". Records window sizes. */
    static final class ByteTokenizer implements Tokenizer {
        static final int EOS = 256;
        int largestWindow;

        @Override
        public int[] encode(String text, boolean addSpecialTokens) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                ids[i] = b[i] & 0xFF;
            }
            return ids;
        }

        @Override
        public String decode(int[] ids, boolean skipSpecialTokens) {
            largestWindow = Math.max(largestWindow, ids.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int id : ids) {
                if (id == EOS) {
                    out.writeBytes(skipSpecialTokens ? new byte[0] : "<eos>".getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(id);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public int vocabSize() {
            return 257;
        }

        @Override
        public OptionalInt idOf(String token) {
            return token.equals("<eos>") ? OptionalInt.of(EOS) : OptionalInt.empty();
        }

        @Override
        public void close() {}
    }

    @Test
    void longRandomTextComesOutWholeWithABoundedWindow() {
        String pool = "abc xyz\n한국어텍스트😀👍🏽é中文";
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
        }
        String text = sb.toString();
        ByteTokenizer tok = new ByteTokenizer();
        List<String> pieces = Fixtures.streamPieces(tok, tok.encode(text, false));
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        // Each piece is whole characters: no lone surrogate at either end.
        assertThat(pieces).allMatch(p -> p.isEmpty()
                || !Character.isLowSurrogate(p.charAt(0)) && !Character.isHighSurrogate(p.charAt(p.length() - 1)));
        assertThat(tok.largestWindow).isLessThanOrEqualTo(8); // at most two 4-byte characters
    }

    @Test
    void specialTokensAreSkippedOrShown() {
        ByteTokenizer tok = new ByteTokenizer();
        TokenizerStream skipping = new TokenizerStream(tok, true);
        assertThat(skipping.next('a')).isEqualTo("a");
        assertThat(skipping.next(ByteTokenizer.EOS)).isEmpty();
        assertThat(skipping.next('b')).isEqualTo("b");
        TokenizerStream showing = new TokenizerStream(tok, false);
        assertThat(showing.next('a')).isEqualTo("a");
        assertThat(showing.next(ByteTokenizer.EOS)).isEqualTo("<eos>");
    }

    @Test
    void invalidBytesAreHeldAtMostMaxPendingAndFlushShowsTheRest() {
        ByteTokenizer tok = new ByteTokenizer();
        TokenizerStream stream = tok.stream();
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < TokenizerStream.MAX_PENDING; i++) {
            pieces.add(stream.next(0xFF)); // never valid UTF-8
        }
        assertThat(pieces.subList(0, TokenizerStream.MAX_PENDING - 1)).allMatch(String::isEmpty);
        assertThat(pieces.get(TokenizerStream.MAX_PENDING - 1)).isEqualTo("\uFFFD".repeat(TokenizerStream.MAX_PENDING));
        assertThat(stream.next(0xE2)).isEmpty(); // start of a 3-byte character, then the sequence ends
        assertThat(stream.flush()).isEqualTo("\uFFFD");
        assertThat(stream.flush()).isEmpty();
    }
}
