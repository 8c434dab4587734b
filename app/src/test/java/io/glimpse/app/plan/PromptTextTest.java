package io.glimpse.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Collapsing placeholder runs for display, and nothing else. */
class PromptTextTest {
    @Test
    void aRunOfOnePlaceholderBecomesTheTokenAndItsCount() {
        assertThat(PromptText.collapse("<|im_start|>user (vector)\n" + "<|dummy3|>".repeat(81) + "<|im_end|>\n"))
                .isEqualTo("<|im_start|>user (vector)\n<|dummy3|> ×81<|im_end|>\n");
        assertThat(PromptText.collapse("a" + "<image>".repeat(3) + "b" + "<image>".repeat(2)))
                .isEqualTo("a<image> ×3b<image> ×2");
    }

    @Test
    void singleTokensTextAndRunsOfDifferentTokensStayAsTheyAre() {
        String text = "<|im_start|>user\n<|im_end|><|im_start|>assistant\n<b>bold</b> a < b > c";
        assertThat(PromptText.collapse(text)).isEqualTo(text);
        assertThat(PromptText.collapse("<|a|><|b|><|a|>")).isEqualTo("<|a|><|b|><|a|>");
    }

    @Test
    void withoutATokenizerTheCountIsTheEstimateGiven() {
        PromptText p = PromptText.of("<x><x>", null, false, 7);
        assertThat(p.exact()).isFalse();
        assertThat(p.tokens()).isEqualTo(7);
        assertThat(p.ids()).isNull();
        assertThat(p.collapsed()).isEqualTo("<x> ×2");
    }
}
