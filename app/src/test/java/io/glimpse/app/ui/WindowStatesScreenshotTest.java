package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
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
    static final double[][] SIZES = {{1280, 800}, {1920, 1080}};
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
        shoot("empty", clipped);
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
        shoot("image", clipped);
        fx(() -> {
            vm.media().selectedProperty().set(vm.media().items().get(1));
            vm.controls().maxFramesProperty().set(64);
            vm.controls().countProperty().set(64);
            return null;
        });
        await("64 frames", 60, () -> vm.strip().frames().size() == 64 && vm.strip().canvasesProperty().get() != null
                && !vm.strip().canvasesProperty().get().isEmpty());
        shoot("video-64", clipped);
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
        shoot("chat", clipped);
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
        shoot("budget-too-small", clipped);
        assertThat(clipped).as("labels cut off with an ellipsis").isEmpty();
    }

    /** Lays the window out at each size, writes the picture, and notes every label whose text is cut. */
    private void shoot(String state, List<String> clipped) throws Exception {
        for (double[] size : SIZES) {
            Scene scene = stage.getScene();
            Parent root = fx(() -> {
                Parent r = scene.getRoot();
                scene.setRoot(new Group());
                return r;
            });
            Scene sized = fx(() -> new Scene(root, size[0], size[1]));
            try {
                fx(() -> {
                    root.applyCss();
                    root.layout();
                    return null;
                });
                Thread.sleep(250); // views that apply a pulse late
                String name = state + "-" + (int) size[0] + "x" + (int) size[1] + ".png";
                var shot = fx(() -> {
                    root.applyCss();
                    root.layout();
                    return sized.snapshot(null);
                });
                Path dir = FxTestSupport.repoRoot().resolve("app/target/screenshots");
                Files.createDirectories(dir);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve(name).toFile());
                fx(() -> {
                    cut(root, name, clipped);
                    return null;
                });
            } finally {
                fx(() -> {
                    sized.setRoot(new Group());
                    scene.setRoot(root);
                    return null;
                });
            }
        }
    }

    /**
     * Visible labels (and buttons) showing their text cut off (an ellipsis their own text does not
     * have), unless the whole text is in their tooltip.
     */
    private static void cut(Node n, String where, List<String> clipped) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.getText() != null && !t.getText().equals(l.getText()) && t.getText().contains(l.getEllipsisString())
                        && !l.getText().contains(l.getEllipsisString())
                        && !(l.getTooltip() != null && l.getTooltip().getText().contains(l.getText()))) { // cut, but whole in its tooltip
                    clipped.add(where + ": \"" + l.getText() + "\" shown as \"" + t.getText() + "\"");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                cut(c, where, clipped);
            }
        }
    }
}
