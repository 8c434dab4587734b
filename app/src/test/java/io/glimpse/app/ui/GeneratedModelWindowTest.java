package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.RunViewModel;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window, headless, on a generated random-weight vision-language model through the built-in
 * engines: an answer and a follow-up, each prompt exactly as long as the window's ledger predicted.
 */
@ExtendWith(ApplicationExtension.class)
class GeneratedModelWindowTest {
    @TempDir
    static Path media;
    static Path image;
    @TempDir
    Path config;
    WorkbenchViewModel vm;
    WorkbenchView view;
    FxTestSupport.OpenWindow window;

    @BeforeAll
    static void makeMedia() throws Exception {
        image = TestMedia.image(media, "photo.png", 1600, 900);
    }

    @Start
    void start(Stage stage) {
        window = FxTestSupport.OpenWindow.show(stage, config, EngineFactory.builtIn());
        vm = window.vm();
        view = window.view();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void runOnAGeneratedTestModel(FxRobot robot) throws Exception {
        Path model = media.resolve("tiny-vlm");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 7);
        RunViewModel[] run = new RunViewModel[1];
        fx(() -> {
            vm.chooseModelFolder(model);
            vm.prompts().maxTokensProperty().set(12);
            view.dropFiles(List.of(image.toFile()));
            run[0] = vm.run();
            return null;
        });
        await("the image", 30, () -> vm.media().items().size() == 1);
        robot.clickOn("#prompt").write("What is in the picture?");
        int predictedFirst = fx(() -> vm.ledger().ledger().promptTokens());
        robot.clickOn("#runButton");
        await("the answer", 120, () -> !run[0].runningProperty().get() && run[0].resultProperty().get() != null);
        var r = fx(() -> run[0].resultProperty().get());
        assertThat(r.error()).isNull();
        assertThat(r.generatedTokens()).isBetween(1, 12);
        assertThat(fx(() -> vm.run().answerProperty().get())).isEqualTo(r.text()); // random weights: any bytes (the bubble shows them as Markdown)
        assertThat(fx(() -> robot.lookup(".chat-bubble-model").queryAll())).hasSize(1);
        assertThat(r.stages()).extracting(s -> s.name()).containsSubsequence("decode", "preprocess", "encode", "prefill", "generation");
        // the window's ledger predicted exactly the prompt the model then received
        assertThat(predictedFirst).isEqualTo(r.promptTokens());

        // a follow-up: the first question and answer go along as history, and the ledger priced them exactly
        fx(() -> {
            vm.prompts().promptProperty().set("And what colour is it?");
            return null;
        });
        int predictedFollowUp = fx(() -> vm.ledger().ledger().promptTokens());
        int historyTokens = fx(() -> vm.ledger().ledger().segments().stream()
                .filter(s -> s.kind() == io.glimpse.inference.ledger.SegmentKind.HISTORY).mapToInt(s -> s.tokens()).sum());
        assertThat(historyTokens).isPositive();
        robot.clickOn("#runButton");
        await("the follow-up", 120, () -> !run[0].runningProperty().get() && vm.run().conversation().turns().size() == 4);
        var r2 = fx(() -> run[0].resultProperty().get());
        assertThat(r2.error()).isNull();
        assertThat(r2.promptTokens()).isEqualTo(predictedFollowUp);
        assertThat(fx(() -> vm.run().conversation().turns().get(1).content())).isEqualTo(r.text());
        System.out.printf("FIGURE generated test model in the window: %d prompt tokens, %d generated, stages %s; follow-up %d prompt tokens"
                        + " (%d of history), predicted %d%n",
                r.promptTokens(), r.generatedTokens(), r.stages(), r2.promptTokens(), historyTokens, predictedFollowUp);
    }
}
