package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.app.history.WindowRuns;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.vm.HistoryViewModel;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The history pane in the window, headless: toggled from the toolbar, searched as you type, a run
 * opened into the workbench, a new run listed when it finishes, a delete undone; and pictures of
 * the pane with records at 1280x800 and 1920x1080 in {@code app/target/screenshots/}, no label cut.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowTest {
    static final String[] QUESTIONS = {"How many boats are in the harbour?", "Read the text on the sign at the left of the second frame.",
        "What is the total on the receipt?", "Describe the scene in one sentence.", "Which way does the car turn after the bridge?"};
    @TempDir
    static Path media;
    static Path video;
    static Path image;
    @TempDir
    Path config;
    FxTestSupport.OpenWindow window;
    WorkbenchViewModel vm;
    HistoryStore store;
    HistoryViewModel history;
    Stage stage;
    final FakeEngine engine = new FakeEngine(6, 10_000);
    Path model;

    @BeforeAll
    static void makeMedia() throws Exception {
        video = TestMedia.video(media, "harbour-morning-2026-12-04.mp4", 320, 240, 30, 6);
        image = TestMedia.image(media, "receipt.png", 800, 600);
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        model = Files.createDirectories(config.resolve("hcx-seed-vision-3b"));
        store = HistoryStore.open(config.resolve("history.db"));
        for (int i = 0; i < 40; i++) {
            store.add(record(i));
        }
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> engine);
        vm = window.vm();
        history = GlimpseApp.attachHistory(window.view(), vm, window.runner(), store);
    }

    RunRecord record(int i) {
        boolean withImage = i % 3 == 0;
        AnswerRequest request = new AnswerRequest(null, QUESTIONS[i % QUESTIONS.length],
                withImage ? List.of(new AnswerRequest.Image(image, "")) : List.of(),
                List.of(new AnswerRequest.Video(video, SamplingRequest.of(new FrameSelection.Count(8 + i % 4)))),
                SamplingParams.greedy(), 128, 9);
        String answer = i == 7 ? "There are three sailing boats and a ferry near the lighthouse." : "Answer number " + i + ": a grey morning.";
        AnswerResult result = new AnswerResult(answer, i % 5 == 4 ? FinishReason.LENGTH : FinishReason.STOP, 700 + i, 12 + i, 120, 35,
                List.of(new StageTime("prefill", 0, 120), new StageTime("generation", 120, 900 + i * 10)), null);
        return WindowRuns.record(store, "window", 1_765_000_000_000L + i * 3_600_000L, model, "hcx-seed-vision-3b", request, result,
                null, List.of());
    }

    @AfterEach
    void close() {
        window.close();
        history.close();
        store.close();
    }

    @SuppressWarnings("unchecked")
    ListView<RunSummary> list() {
        return (ListView<RunSummary>) stage.getScene().lookup("#historyList");
    }

    @Test
    void thePaneSearchesOpensListsNewRunsAndUndoesADelete() throws Exception {
        assertThat(fx(() -> stage.getScene().lookup("#historyPane"))).as("hidden until toggled").isNull();
        fx(() -> {
            ((ToggleButton) stage.getScene().lookup("#historyToggle")).fire();
            return null;
        });
        await("40 runs listed", 10, () -> list() != null && list().getItems().size() == 40);
        fx(() -> {
            ((TextField) stage.getScene().lookup("#historySearch")).setText("lighthouse");
            return null;
        });
        await("the search", 10, () -> list().getItems().size() == 1);
        fx(() -> {
            list().getSelectionModel().select(0);
            return null;
        });
        await("the answer shown", 10, () -> ((TextArea) stage.getScene().lookup("#historyAnswer")).getText().contains("ferry"));
        fx(() -> {
            ((Button) stage.getScene().lookup("#historyOpen")).fire();
            return null;
        });
        await("the run in the workbench", 20, () -> vm.media().items().size() == 1
                && vm.prompts().promptProperty().get().equals(QUESTIONS[2])
                && vm.run().conversation().last() != null && vm.run().conversation().last().answer().contains("ferry"));
        assertThat(fx(() -> vm.controls().countProperty().get())).isEqualTo(11); // record 7: 8 + 7 % 4 frames
        assertThat(fx(() -> vm.run().modelFolderProperty().get())).isEqualTo(model);
        // at 1280 px the pane is a card over the left columns: it closes on Open to show what changed
        assertThat(fx(() -> stage.getScene().lookup("#historyPane"))).isNull();
        fx(() -> {
            ((ToggleButton) stage.getScene().lookup("#historyToggle")).fire();
            return null;
        });
        await("the pane again", 10, () -> list() != null);

        // a new run joins the list when it finishes
        fx(() -> {
            ((TextField) stage.getScene().lookup("#historySearch")).setText("");
            vm.prompts().promptProperty().set("And how many ferries?");
            vm.runAnswer();
            return null;
        });
        await("the new run listed", 20, () -> list().getItems().size() == 41
                && list().getItems().get(0).question().equals("And how many ferries?"));

        // delete, then undo (no blocking confirmation)
        fx(() -> {
            list().getSelectionModel().select(0);
            return null;
        });
        await("the record read", 10, () -> !stage.getScene().lookup("#historyDelete").isDisabled());
        fx(() -> {
            ((Button) stage.getScene().lookup("#historyDelete")).fire();
            return null;
        });
        await("deleted", 10, () -> list().getItems().size() == 40 && stage.getScene().lookup("#historyUndo").isVisible());
        fx(() -> {
            ((Button) stage.getScene().lookup("#historyUndo")).fire();
            return null;
        });
        await("restored", 10, () -> list().getItems().size() == 41 && list().getItems().get(0).question().equals("And how many ferries?"));
        assertThat(store.count()).isEqualTo(41);
    }

    @Test
    void thePaneWithRecordsAtBothSizesCutsNoLabel() throws Exception {
        fx(() -> {
            ((ToggleButton) stage.getScene().lookup("#historyToggle")).fire();
            return null;
        });
        await("40 runs listed", 10, () -> list() != null && list().getItems().size() == 40);
        fx(() -> {
            list().getSelectionModel().select(2);
            return null;
        });
        await("the answer shown", 10, () -> !((TextArea) stage.getScene().lookup("#historyAnswer")).getText().isEmpty());
        List<String> clipped = new ArrayList<>();
        LayoutCheck.shoot(stage.getScene(), "history", true, clipped);
        assertThat(clipped).as("labels cut off with an ellipsis").isEmpty();
    }
}
