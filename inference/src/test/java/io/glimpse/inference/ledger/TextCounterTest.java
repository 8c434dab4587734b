package io.glimpse.inference.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCounterTest {
    @Test
    void theEstimateCountsMarkersWordsAndKoreanSyllables() {
        TextCounter c = TextCounter.estimate();
        assertThat(c.exact()).isFalse();
        assertThat(c.count("")).isZero();
        assertThat(c.count("<|im_start|>user\n")).isEqualTo(3); // marker, "user", newline
        assertThat(c.count("[|system|][|endofturn|]\n")).isEqualTo(3);
        assertThat(c.count("Hello world")).isEqualTo(4); // "Hello" 2, " world" 2 (6 chars → 2)
        assertThat(c.count("안녕하세요")).isEqualTo(5);
        assertThat(c.count("a.b")).isEqualTo(3);
    }
}
