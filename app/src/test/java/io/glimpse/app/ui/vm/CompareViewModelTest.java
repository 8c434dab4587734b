package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare / sweep view model on the random-weight model, run on the calling thread. */
class CompareViewModelTest {
    @TempDir
    static Path dir;
    static Path model;
    static AnswerRequest request;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 4);
        Path image = dir.resolve("p.png");
        ImageIO.write(new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        request = new AnswerRequest(null, "What is it?", List.of(new AnswerRequest.Image(image, "")), List.of(), SamplingParams.greedy(),
                4, 0);
    }

    static CompareViewModel vm(HistoryStore store) {
        return new CompareViewModel(() -> new CompareViewModel.Current(model, request), () -> store, Runnable::run, Runnable::run);
    }

    @Test
    void aCompareGivesAColumnPerVariantAndMarksTheRowsThatDiffer() throws Exception {
        try (HistoryStore h = HistoryStore.open(dir.resolve("compare.db"))) {
            CompareViewModel vm = vm(h);
            vm.variants().get(0).set("grids=1");
            vm.variants().get(1).set("max-tokens=2");
            vm.start();
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.columns()).containsExactly("grids=1", "max-tokens=2");
            CompareViewModel.Row visual = row(vm, "visual tokens");
            assertThat(visual.differs()).isTrue();
            assertThat(Integer.parseInt(visual.cells().get(0))).isLessThan(Integer.parseInt(visual.cells().get(1)));
            assertThat(row(vm, "finish").cells()).containsExactly("length", "length");
            assertThat(row(vm, "finish").differs()).isFalse();
            assertThat(row(vm, "total ms").differs()).as("timings always differ: not marked").isFalse();
            assertThat(vm.chart()).isEmpty(); // no budget: nothing to chart
            assertThat(vm.statusProperty().get()).startsWith("done: 2 of 2 runs, recorded as 'compare ");
            String group = vm.statusProperty().get().replaceAll(".*recorded as '(.*)'", "$1");
            assertThat(h.search(new HistoryQuery(null, null, null, group, 10))).hasSize(2);
            vm.select(1);
            assertThat(vm.answerProperty().get()).isEqualTo(row(vm, "answer").cells().get(1));
        }
    }

    @Test
    void aSweepChartsVisualTokensAgainstTimeForEachBudget() {
        CompareViewModel vm = vm(null);
        vm.variants().get(0).set("grids=1");
        vm.variants().get(1).set("");
        vm.start();
        int least = Integer.parseInt(row(vm, "visual tokens").cells().get(0));
        vm.modeProperty().set(CompareViewModel.Mode.SWEEP);
        vm.budgetsProperty().set(least + ", 100000");
        vm.start();
        assertThat(vm.columns()).containsExactly("budget " + least, "budget 100000");
        assertThat(vm.chart()).hasSize(2);
        assertThat(vm.chart().get(0).visualTokens()).isEqualTo(least);
        assertThat(vm.chart().get(1).visualTokens()).isGreaterThan(least);
        assertThat(vm.chart().get(1).run()).isEqualTo(1);
        assertThat(vm.chart().get(0).totalMs()).isPositive();
        assertThat(vm.statusProperty().get()).isEqualTo("done: 2 of 2 runs");
    }

    @Test
    void badTextOrNoModelSaysWhyAndRunsNothing() {
        CompareViewModel vm = vm(null);
        vm.variants().get(0).set("colour=red");
        vm.start();
        assertThat(vm.statusProperty().get()).contains("unknown key 'colour'");
        assertThat(vm.columns()).isEmpty();
        vm.modeProperty().set(CompareViewModel.Mode.SWEEP);
        vm.budgetsProperty().set("512, lots");
        vm.start();
        assertThat(vm.statusProperty().get()).isEqualTo("budgets: 'lots' is not a positive number of visual tokens");
        CompareViewModel none = new CompareViewModel(() -> new CompareViewModel.Current(null, request), () -> null, Runnable::run,
                Runnable::run);
        none.start();
        assertThat(none.statusProperty().get()).startsWith("choose a model folder first");
    }

    static CompareViewModel.Row row(CompareViewModel vm, String field) {
        return vm.rows().stream().filter(r -> r.field().equals(field)).findFirst().orElseThrow();
    }
}
