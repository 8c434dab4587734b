package io.glimpse.inference.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingParamsTest {

    @Test
    void defaultsAreTransformersDefaultsWithSamplingOn() {
        SamplingParams d = SamplingParams.defaults();
        assertThat(d.doSample()).isTrue();
        assertThat(d.temperature()).isEqualTo(1.0);
        assertThat(d.topK()).isEqualTo(50);
        assertThat(d.topP()).isEqualTo(1.0);
        assertThat(d.minP()).isEqualTo(0.0);
        assertThat(d.repetitionPenalty()).isEqualTo(1.0);
        assertThat(d.seed()).isNull();
    }

    @Test
    void greedyIsDefaultsWithSamplingOff() {
        assertThat(SamplingParams.greedy().isGreedy()).isTrue();
        assertThat(SamplingParams.greedy().withDoSample(true)).isEqualTo(SamplingParams.defaults());
    }

    @Test
    void temperatureZeroMeansGreedy() {
        SamplingParams p = SamplingParams.defaults().withTemperature(0);
        assertThat(p.isGreedy()).isTrue();
        assertThat(p.temperature()).isEqualTo(0.0);
        // Our choice over transformers' error: asking to sample at temperature 0 still gives greedy.
        assertThat(p.withDoSample(true).isGreedy()).isTrue();
    }

    @Test
    void withMethodsChangeOneFieldAndKeepTheRest() {
        SamplingParams p = SamplingParams.defaults()
                .withTemperature(0.7).withTopK(20).withTopP(0.9).withMinP(0.05)
                .withRepetitionPenalty(1.1).withSeed(42L);
        assertThat(p).isEqualTo(new SamplingParams(true, 0.7, 20, 0.9, 0.05, 1.1, 42L));
        assertThat(p.withSeed(null).seed()).isNull();
        assertThat(p.withDoSample(false).isGreedy()).isTrue();
    }

    @Test
    void boundaryValuesThatAreAllowed() {
        SamplingParams d = SamplingParams.defaults();
        assertThat(d.withTopP(1.0).topP()).isEqualTo(1.0);
        assertThat(d.withTopP(1e-9).topP()).isEqualTo(1e-9);
        assertThat(d.withTopK(0).topK()).isZero();
        assertThat(d.withMinP(0).minP()).isZero();
        assertThat(d.withMinP(1).minP()).isEqualTo(1.0);
        assertThat(d.withRepetitionPenalty(0.5).repetitionPenalty()).isEqualTo(0.5);
    }

    @Test
    void validationMessagesNameTheBadValue() {
        SamplingParams d = SamplingParams.defaults();
        assertMessage(() -> d.withTopP(1.5), "top-p must be in (0, 1], got 1.5");
        assertMessage(() -> d.withTopP(0), "top-p must be in (0, 1], got 0.0");
        assertMessage(() -> d.withTopP(Double.NaN), "top-p must be in (0, 1], got NaN");
        assertMessage(() -> d.withTemperature(-0.5),
                "temperature must be a finite number >= 0 (0 means greedy), got -0.5");
        assertMessage(() -> d.withTemperature(Double.POSITIVE_INFINITY),
                "temperature must be a finite number >= 0 (0 means greedy), got Infinity");
        assertMessage(() -> d.withTopK(-1), "top-k must be >= 0 (0 turns it off), got -1");
        assertMessage(() -> d.withMinP(1.5), "min-p must be in [0, 1], got 1.5");
        assertMessage(() -> d.withMinP(-0.1), "min-p must be in [0, 1], got -0.1");
        assertMessage(() -> d.withRepetitionPenalty(0), "repetition penalty must be a finite number > 0, got 0.0");
        assertMessage(() -> d.withRepetitionPenalty(-1.2),
                "repetition penalty must be a finite number > 0, got -1.2");
    }

    private static void assertMessage(Runnable r, String message) {
        assertThatThrownBy(r::run).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
