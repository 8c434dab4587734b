package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.app.ui.service.Settings;
import io.glimpse.inference.sampling.SamplingParams;
import org.junit.jupiter.api.Test;

/** The sampling settings as the run sends them, without any toolkit. */
class PromptViewModelTest {
    final PromptViewModel vm = new PromptViewModel(new MessagesViewModel());

    @Test
    void greedyKeepsOnlyTheRepetitionPenalty() {
        vm.greedyProperty().set(true);
        vm.temperatureProperty().set(0.3);
        vm.minPProperty().set(0.2);
        vm.repetitionPenaltyProperty().set(1.3);
        vm.seedProperty().set("42");
        assertThat(vm.sampling()).isEqualTo(new SamplingParams(false, 1.0, 50, 1.0, 0.0, 1.3, null));
    }

    @Test
    void samplingSendsEveryField() {
        vm.greedyProperty().set(false);
        vm.temperatureProperty().set(0.7);
        vm.topKProperty().set(40);
        vm.topPProperty().set(0.9);
        vm.minPProperty().set(0.05);
        vm.repetitionPenaltyProperty().set(1.1);
        vm.seedProperty().set(" 1234 ");
        assertThat(vm.sampling()).isEqualTo(new SamplingParams(true, 0.7, 40, 0.9, 0.05, 1.1, 1234L));
        vm.seedProperty().set("");
        assertThat(vm.sampling().seed()).isNull();
    }

    @Test
    void aBadSeedIsRefusedWithItsText() {
        vm.greedyProperty().set(false);
        vm.seedProperty().set("abc");
        assertThatThrownBy(vm::sampling).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed: 'abc' is not a whole number (leave it empty for a random seed)");
    }

    @Test
    void theNewFieldsAreSavedAndLoaded() {
        vm.minPProperty().set(0.1);
        vm.repetitionPenaltyProperty().set(1.2);
        vm.seedProperty().set("7");
        Settings s = new Settings();
        vm.store(s);
        PromptViewModel again = new PromptViewModel(new MessagesViewModel());
        again.load(s);
        assertThat(again.minPProperty().get()).isEqualTo(0.1);
        assertThat(again.repetitionPenaltyProperty().get()).isEqualTo(1.2);
        assertThat(again.seedProperty().get()).isEqualTo("7");
    }

    @Test
    void theFoldedSamplingPanelSummarisesWhatIsSet() {
        var summary = vm.samplingSummary();
        assertThat(summary.get()).isEqualTo("Sampling: greedy, max 256 tokens");
        vm.greedyProperty().set(false);
        assertThat(summary.get()).isEqualTo("Sampling: temperature 0.7, max 256 tokens"); // top-p 1, top-k 0, min-p 0 filter nothing
        vm.topKProperty().set(40);
        vm.topPProperty().set(0.9);
        vm.seedProperty().set(" 7 ");
        vm.repetitionPenaltyProperty().set(1.1);
        vm.maxTokensProperty().set(100);
        assertThat(summary.get()).isEqualTo("Sampling: temperature 0.7, top-k 40, top-p 0.9, seed 7, repetition penalty 1.1, max 100 tokens");
    }
}
