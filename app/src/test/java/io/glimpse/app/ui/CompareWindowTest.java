package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.view.CompareWindow;
import io.glimpse.app.ui.vm.CompareViewModel;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The "Compare / sweep" window on the random-weight model: a compare's columns with the differing
 * cells highlighted, a column head showing its answer, a sweep's chart whose point shows its run's
 * answer; pictures at 1280x800 and 1920x1080 in app/target/screenshots/, no label cut off.
 */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {
    @TempDir
    static Path dir;
    static Path model;
    static AnswerRequest request;
    HistoryStore history;
    CompareViewModel vm;
    Stage window;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 4);
        Path image = TestMedia.image(dir, "photo.png", 1600, 900);
        request = new AnswerRequest(null, "What is in the picture?", List.of(new AnswerRequest.Image(image, "")), List.of(),
                SamplingParams.greedy(), 6, 0);
    }

    @Start
    void start(Stage owner) {
        history = HistoryStore.open(dir.resolve("h-" + System.nanoTime() + ".db"));
        vm = new CompareViewModel(() -> new CompareViewModel.Current(model, request), () -> history,
                job -> new Thread(job, "compare-test").start(), Platform::runLater);
        owner.setScene(new Scene(new Group(), 200, 100)); // a shown stage without a scene stalls Monocle's rendering
        owner.show();
        window = CompareWindow.show(owner, vm);
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            window.close();
            return null;
        });
        history.close();
    }

    @Test
    void aCompareHighlightsWhatDiffersAndASweepChartsEachPoint() throws Exception {
        List<String> clipped = new ArrayList<>();
        LayoutCheck.shoot(window.getScene(), "compare-empty", false, clipped);
        fx(() -> {
            ((TextField) window.getScene().lookup("#variant0")).setText("grids=1");
            ((TextField) window.getScene().lookup("#variant1")).setText("grids=4; name=four grids");
            ((TextField) window.getScene().lookup("#variant2")).setText("max-tokens=2");
            ((Button) window.getScene().lookup("#compareRun")).fire();
            return null;
        });
        await("the compare", 60, () -> !vm.runningProperty().get() && vm.statusProperty().get().startsWith("done"));
        Label visual = fx(() -> (Label) window.getScene().lookup("#cell-visual-tokens-0"));
        assertThat(fx(visual::getStyleClass)).contains("differs");
        assertThat(fx(() -> window.getScene().lookup("#cell-finish-0").getStyleClass())).doesNotContain("differs");
        assertThat(history.search(new HistoryQuery(null, null, null, group(), 10))).hasSize(3);
        fx(() -> {
            ((Button) window.getScene().lookup("#compareHead2")).fire();
            return null;
        });
        // the random model's answer holds control characters a TextArea drops: compare what it was given
        assertThat(vm.answerProperty().get()).isEqualTo(vm.rows().get(0).cells().get(2)).isNotEmpty();
        assertThat(fx(() -> ((TextArea) window.getScene().lookup("#compareAnswer")).textProperty().isBound())).isTrue();
        LayoutCheck.shoot(window.getScene(), "compare", false, clipped);

        int least = Integer.parseInt(fx(visual::getText));
        fx(() -> {
            ((ToggleButton) window.getScene().lookup("#sweepMode")).fire();
            ((TextField) window.getScene().lookup("#budgets")).setText(least + ", " + (least * 3) + ", 100000");
            ((Button) window.getScene().lookup("#compareRun")).fire();
            return null;
        });
        await("the sweep", 60, () -> !vm.runningProperty().get() && vm.statusProperty().get().startsWith("done"));
        assertThat(fx(() -> window.getScene().lookup("#sweepChart").isVisible())).isTrue();
        Node second = fx(() -> {
            window.getScene().getRoot().applyCss();
            window.getScene().getRoot().layout();
            return window.getScene().getRoot().lookupAll(".chart-line-symbol").stream()
                    .filter(n -> Integer.valueOf(1).equals(n.getProperties().get("run"))).findFirst().orElseThrow();
        });
        fx(() -> {
            Event.fireEvent(second, new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1, false, false, false,
                    false, true, false, false, true, false, false, null));
            return null;
        });
        assertThat(vm.selectedProperty().get()).isEqualTo(1);
        assertThat(vm.answerProperty().get()).isEqualTo(vm.rows().get(0).cells().get(1));
        LayoutCheck.shoot(window.getScene(), "sweep", false, clipped);
        assertThat(clipped).as("labels cut off with an ellipsis").isEmpty();
    }

    private String group() {
        return vm.statusProperty().get().replaceAll(".*recorded as '(.*)'", "$1");
    }
}
