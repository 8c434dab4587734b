package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.inference.generate.FinishReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-message figures and the live line as the chat writes them. */
class MessageStatsTest {
    static AnswerResult result(int generated, double ttft, double tps, FinishReason reason) {
        return new AnswerResult("x", reason, 10, generated, ttft, tps, List.of(), null);
    }

    @Test
    void aFinishedAnswerShowsTokensFirstTokenSpeedAndReason() {
        assertThat(MessageStats.of(result(24, 114.4, 300, FinishReason.LENGTH)))
                .isEqualTo("24 tokens · first token 114 ms · 300.0 tok/s · length");
    }

    @Test
    void aRunStoppedBeforeItsFirstTokenShowsDashesNotZeros() {
        assertThat(MessageStats.of(result(0, 0, 0, FinishReason.CANCELLED))).isEqualTo("0 tokens · first token — · — tok/s · cancelled");
    }

    @Test
    void oneTokenHasAFirstTokenTimeButNoSpeed() {
        assertThat(MessageStats.of(result(1, 80, 0, FinishReason.CANCELLED))).isEqualTo("1 token · first token 80 ms · — tok/s · cancelled");
    }

    @Test
    void theLiveRateCountsPiecesAfterTheFirstOverTheTimeSinceIt() {
        assertThat(MessageStats.rate(0, 0, 1_000)).isNaN();
        assertThat(MessageStats.rate(1, 0, 1_000_000_000)).isNaN();
        assertThat(MessageStats.rate(11, 2_000_000_000L, 2_500_000_000L)).isEqualTo(20.0);
        assertThat(MessageStats.live("preprocess", 0, Double.NaN)).isEqualTo("preprocess…");
        assertThat(MessageStats.live("generation", 1, Double.NaN)).isEqualTo("generation…  1 token · — tok/s");
        assertThat(MessageStats.live("generation", 11, 20.0)).isEqualTo("generation…  11 tokens · 20.0 tok/s");
    }
}
