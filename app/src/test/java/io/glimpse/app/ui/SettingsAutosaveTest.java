package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import javafx.application.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings are saved as they change, not only on a clean close: what a killed session leaves on
 * disk (read while the window is still open, as after a kill -9) has the chosen model folder,
 * the prompt and the window's place; and the window reopens at exactly the saved outer size.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsAutosaveTest {
    @TempDir
    Path config;
    @TempDir
    Path modelFolder;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void changesReachTheFileWithoutAClose() throws Exception {
        try (FxTestSupport.OpenWindow w = fx(() -> FxTestSupport.OpenWindow.show(stage, config, folder -> new FakeEngine(10, 100)))) {
            fx(() -> {
                w.vm().prompts().promptProperty().set("what is in the picture?");
                w.vm().run().modelFolderProperty().set(modelFolder);
                stage.setX(30);
                stage.setY(20);
                stage.setWidth(1000);
                stage.setHeight(700);
                return null;
            });
            Settings onDisk = awaitSaved(s -> modelFolder.toString().equals(s.modelFolder) && s.window.width == 1000);
            assertThat(onDisk.prompt).isEqualTo("what is in the picture?");
            assertThat(onDisk.window.x).isEqualTo(30.0);
            assertThat(onDisk.window.height).isEqualTo(700.0);
        }
    }

    @Test
    void theWindowReopensAtTheSavedOuterSizeEveryTime() throws Exception {
        Settings s = new Settings();
        s.window.x = 10;
        s.window.y = 10;
        s.window.width = 1100;
        s.window.height = 720;
        new SettingsStore(config).save(s);
        for (int i = 0; i < 3; i++) {
            int start = i;
            TaskRunner runner = TaskRunner.background(Platform::runLater, 1);
            WorkbenchViewModel vm = new WorkbenchViewModel(runner, new SettingsStore(config), folder -> new FakeEngine(10, 100));
            try {
                fx(() -> {
                    WorkbenchView view = GlimpseApp.show(stage, vm);
                    assertThat(stage.getWidth()).as("outer width at start " + start).isEqualTo(1100.0);
                    assertThat(stage.getHeight()).as("outer height at start " + start).isEqualTo(720.0);
                    // the content gets what the decorations leave (Monocle has none; a desktop has a title bar)
                    assertThat(stage.getScene().getHeight()).isLessThanOrEqualTo(720.0);
                    GlimpseApp.remember(stage, view, vm);
                    stage.hide();
                    return null;
                });
            } finally {
                vm.close();
                runner.close();
            }
            Settings saved = new SettingsStore(config).read().settings();
            assertThat(saved.window.width).isEqualTo(1100.0);
            assertThat(saved.window.height).isEqualTo(720.0);
        }
    }

    /** Polls the settings file until {@code done} holds (the save comes half a second after the last change). */
    private Settings awaitSaved(java.util.function.Predicate<Settings> done) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        Settings last = null;
        while (System.nanoTime() < end) {
            if (Files.exists(config.resolve("settings.json"))) {
                last = new SettingsStore(config).read().settings();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the settings file never got the change; last read: "
                + (last == null ? "no file" : "modelFolder=" + last.modelFolder + " width=" + last.window.width));
    }
}
