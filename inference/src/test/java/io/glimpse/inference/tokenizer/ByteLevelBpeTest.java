package io.glimpse.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.ModelFolderException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXAONE 3.5's vocab.json + merges.txt (GPT2Tokenizer, add_prefix_space false), turned into a
 * tokenizer.json and run by DJL.
 *
 * <p>How the expected ids were established: neither Hugging Face tokenizers nor transformers is
 * available here, so they come from an independent reference, OpenAI's GPT-2 {@code encoder.py}
 * algorithm (bytes_to_unicode, the GPT-2 split regex, lowest-rank merge first) run in Python over
 * the same vocab.json/merges.txt; the same algorithm, written again in Java in
 * {@link ReferenceBpe}, re-derives them in {@link #referenceBpeAgrees()}. The tokens are shown in
 * byte-level form next to the ids.
 */
class ByteLevelBpeTest {
    static final String ENGLISH = "Hello, world! How are you today?";
    // Hello , Ġworld ! ĠHow Ġare Ġyou Ġtoday ?
    static final int[] ENGLISH_IDS = {33381, 373, 2711, 362, 2417, 937, 904, 4963, 392};
    static final String KOREAN = "안녕하세요. 오늘 날씨가 정말 좋네요.";
    // 안녕 하 세요 . Ġ오늘 Ġ날씨 가 Ġ정말 Ġ좋 네요 .
    static final int[] KOREAN_IDS = {3801, 1130, 5847, 375, 2247, 4977, 905, 1990, 1104, 17297, 375};
    static final String KOREAN_EMOJI = "날씨 좋다 😀👍🏽 감사합니다!";
    // 날씨 Ġ좋 다 Ġ+F0 9F 98 | 80 | F0 9F | 91 | 8D | F0 9F 8F | BD | Ġ감사 합니다 !  (emoji split mid-character)
    static final int[] KOREAN_EMOJI_IDS = {13111, 1104, 643, 38961, 584, 11881, 601, 597, 94660, 483, 3365, 14010, 362};

    static Tokenizer tok;

    @BeforeAll
    static void open() throws ModelFolderException {
        tok = Tokenizers.open(Fixtures.dir("exaone-3.5-tokenizer"));
    }

    @AfterAll
    static void close() {
        if (tok != null) {
            tok.close();
        }
    }

    @Test
    void specialTokens() {
        assertThat(tok).isInstanceOf(HfTokenizer.class);
        assertThat(tok.idOf("[PAD]")).hasValue(0);
        assertThat(tok.idOf("[BOS]")).hasValue(1);
        assertThat(tok.idOf("[EOS]")).hasValue(2);
        assertThat(tok.idOf("[UNK]")).hasValue(3);
        assertThat(tok.idOf("[|endofturn|]")).hasValue(361);
        assertThat(tok.idOf("[|user|]")).isEmpty(); // not a single token in these files (README)
        assertThat(tok.vocabSize()).isEqualTo(102400);
        assertThat(tok.encode("Hi[|endofturn|]", false)).endsWith(361);
        assertThat(tok.decode(new int[] {33381, 361}, true)).isEqualTo("Hello");
        assertThat(tok.decode(new int[] {33381, 361}, false)).isEqualTo("Hello[|endofturn|]");
    }

    @Test
    void encodesEnglishAndKorean() {
        assertThat(tok.encode(ENGLISH, false)).containsExactly(ENGLISH_IDS);
        assertThat(tok.encode(KOREAN, false)).containsExactly(KOREAN_IDS);
        assertThat(tok.encode(KOREAN_EMOJI, false)).containsExactly(KOREAN_EMOJI_IDS);
        // GPT2Tokenizer adds no BOS unless add_bos_token (absent in this config).
        assertThat(tok.encode(ENGLISH, true)).containsExactly(ENGLISH_IDS);
    }

    @Test
    void referenceBpeAgrees() throws Exception {
        ReferenceBpe ref = new ReferenceBpe(Fixtures.dir("exaone-3.5-tokenizer"));
        assertThat(ref.encode(ENGLISH)).containsExactly(ENGLISH_IDS);
        assertThat(ref.encode(KOREAN)).containsExactly(KOREAN_IDS);
        assertThat(ref.encode(KOREAN_EMOJI)).containsExactly(KOREAN_EMOJI_IDS);
    }

    @Test
    void decodeRoundTrips() {
        assertThat(tok.decode(KOREAN_EMOJI_IDS, true)).isEqualTo(KOREAN_EMOJI);
        assertThat(tok.decode(KOREAN_IDS, true)).isEqualTo(KOREAN);
        assertThat(tok.decode(ENGLISH_IDS, true)).isEqualTo(ENGLISH); // no clean_up_tokenization_spaces
    }

    @Test
    void randomKoreanEmojiTextRoundTripsAndStreams() {
        String pool = "가나다라마바사아자차카타파하한국어입니다 \n\t😀👍🏽🇰🇷é中文abcXYZ123.,!?'";
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 200; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i >= 0; i--) {
                sb.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, random.nextInt(pool.codePointCount(0, pool.length())))));
            }
            String text = sb.toString();
            int[] ids = tok.encode(text, false);
            assertThat(tok.decode(ids, true)).as("decode %s", text).isEqualTo(text);
            List<String> pieces = Fixtures.streamPieces(tok, ids);
            assertThat(String.join("", pieces)).as("stream %s", text).isEqualTo(text);
            assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        }
    }

    @Test
    void streamEmitsTheTextPieceByPieceWithoutBrokenCharacters() {
        List<String> pieces = Fixtures.streamPieces(tok, KOREAN_EMOJI_IDS);
        // 😀 spans 38961 (" " F0 9F 98) and 584 (80); 👍 spans 11881, 601, 597; 🏽 spans 94660, 483.
        assertThat(pieces).containsExactly("날씨", " 좋", "다", "", " 😀", "", "", "👍", "", "🏽", " 감사", "합니다", "!", "");
        assertThat(String.join("", pieces)).isEqualTo(KOREAN_EMOJI);
        assertThat(Fixtures.streamPieces(tok, KOREAN_IDS)).containsExactly(
                "안녕", "하", "세요", ".", " 오늘", " 날씨", "가", " 정말", " 좋", "네요", ".", "");
    }
}
