package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every state of the window at 1280x800 and 1920x1080 (empty, an image, a 64-frame video, a chat
 * answered, a budget that does not fit): no label shows its text cut off with an ellipsis, and the
 * pictures are written to {@code app/target/screenshots/} to be looked at.
 */
@ExtendWith(ApplicationExtension.class)
class WindowStatesScreenshotTest {
    @TempDir
    static Path media;
    static Path video;
    static Path image;
    @TempDir
    Path config;
    FxTestSupport.OpenWindow window;
    WorkbenchViewModel vm;
    Stage stage;
    final ChatWindowTest.ScriptedEngine engine = new ChatWindowTest.ScriptedEngine();

    @BeforeAll
    static void makeMedia() throws Exception {
        video = TestMedia.video(media, "a-rather-long-clip-name-from-a-phone-2026-12-04.mp4", 320, 240, 30, 12);
        image = TestMedia.image(media, "photo.png", 1600, 900);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> engine);
        vm = window.vm();
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void noStateCutsALabelAtEitherSize() throws Exception {
        List<String> clipped = new ArrayList<>();
        LayoutCheck.shoot(stage.getScene(), "empty", true, clipped);
        fx(() -> {
            window.view().dropFiles(List.of(image.toFile(), video.toFile()));
            return null;
        });
        await("both items", 30, () -> vm.media().items().size() == 2);
        fx(() -> {
            vm.media().selectedProperty().set(vm.media().items().get(0));
            return null;
        });
        await("the grid overlay", 30, () -> stage.getScene().lookup("#gridOverlay") != null);
        LayoutCheck.shoot(stage.getScene(), "image", true, clipped);
        fx(() -> {
            vm.media().selectedProperty().set(vm.media().items().get(1));
            vm.controls().maxFramesProperty().set(64);
            vm.controls().countProperty().set(64);
            return null;
        });
        await("64 frames", 60, () -> vm.strip().frames().size() == 64 && vm.strip().canvasesProperty().get() != null
                && !vm.strip().canvasesProperty().get().isEmpty());
        LayoutCheck.shoot(stage.getScene(), "video-64", true, clipped);
        fx(() -> {
            vm.chooseModelFolder(Files.createDirectories(config.resolve("model")));
            vm.prompts().promptProperty().set("Compare the two models.");
            return null;
        });
        engine.answers.add(ChatWindowTest.TABLE);
        fx(() -> {
            vm.runAnswer();
            return null;
        });
        await("the answer", 20, () -> !vm.run().runningProperty().get() && vm.run().conversation().turns().size() == 2);
        LayoutCheck.shoot(stage.getScene(), "chat", true, clipped);
        // the prompt as the model sees it, in its own window
        fx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#showPrompt")).fire();
            return null;
        });
        Stage promptWindow = fx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != stage && w instanceof Stage)
                .map(w -> (Stage) w).filter(s -> "The prompt as the model sees it".equals(s.getTitle())).findFirst().orElseThrow());
        String count = fx(() -> ((javafx.scene.control.Label) promptWindow.getScene().lookup("#promptSeenCount")).getText());
        assertThat(count).isEqualTo(vm.ledger().prompt().tokens() + " tokens (estimated: no tokenizer in the folder)");
        assertThat(fx(() -> ((javafx.scene.control.TextArea) promptWindow.getScene().lookup("#promptSeenText")).getText()))
                .contains("Compare the two models.").contains(" ×");
        Path dir = FxTestSupport.repoRoot().resolve("app/target/screenshots");
        var shot = fx(() -> promptWindow.getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve("prompt-seen.png").toFile());
        fx(() -> {
            promptWindow.close();
            return null;
        });
        fx(() -> {
            vm.ledger().budgetProperty().set("50");
            vm.ledger().fitToBudget();
            return null;
        });
        LayoutCheck.shoot(stage.getScene(), "budget-too-small", true, clipped);
        assertThat(clipped).as("labels cut off with an ellipsis").isEmpty();
    }
}
