package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.MessagesViewModel;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window opens on a settings file whose window and presets are null (it used to die at start, every start). */
@ExtendWith(ApplicationExtension.class)
class HostileSettingsWindowTest {
    static final String CONTENT = "{\"window\": null, \"presets\": null, \"prompt\": \"kept\"}";

    @TempDir
    Path config;
    Stage stage;
    TaskRunner runner;
    WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Files.writeString(config.resolve("settings.json"), CONTENT);
        runner = TaskRunner.background(Platform::runLater, 3);
        vm = new WorkbenchViewModel(runner, new SettingsStore(config), folder -> new FakeEngine(10, 100));
        GlimpseApp.show(stage, vm); // as the app does: the size comes from the file, not from the test
    }

    @AfterEach
    void close() {
        vm.close();
        runner.close();
    }

    @Test
    void theWindowOpensWithDefaultsAndSaysWhichValuesWereBad(FxRobot robot) throws Exception {
        assertThat(fx(stage::isShowing)).isTrue();
        assertThat(fx(() -> stage.getScene().getRoot())).isInstanceOf(WorkbenchView.class);
        assertThat(fx(stage::getWidth)).isEqualTo(1280.0); // the default width, within Monocle's 1280x800 screen
        assertThat(fx(stage::getHeight)).isEqualTo(800.0); // the default 860, clamped to the screen
        assertThat(fx(() -> robot.lookup("#presets").queryAs(ComboBox.class).getItems().size())).isZero();
        assertThat(fx(() -> vm.prompts().promptProperty().get())).isEqualTo("kept"); // the good value is kept

        Path file = config.resolve("settings.json");
        assertThat(fx(() -> vm.messages().messages().stream().filter(m -> m.level() == MessagesViewModel.Level.WARNING)
                .map(MessagesViewModel.Message::text).limit(3).toList())).containsExactly(
                file + ": presets: null is not an array; using no presets",
                file + ": window: null is not an object; using the default place and size",
                file + ": the original is kept as " + keptAside().getFileName());
        assertThat(keptAside()).hasContent(CONTENT);
        assertThat(fx(() -> robot.lookup(".message-text").queryAllAs(Label.class).stream().map(Label::getText).toList()))
                .contains(file + ": presets: null is not an array; using no presets"); // shown in the strip, not only on stderr

        fx(() -> {
            GlimpseApp.remember(stage, (WorkbenchView) stage.getScene().getRoot(), vm); // closing saves a whole, valid file
            return null;
        });
        SettingsStore.Loaded next = new SettingsStore(config).read();
        assertThat(next.problems()).isEmpty();
        assertThat(next.settings().prompt).isEqualTo("kept");
    }

    Path keptAside() throws Exception {
        try (Stream<Path> files = Files.list(config)) {
            return files.filter(p -> p.getFileName().toString().matches("settings\\.json\\.bad-\\d{8}-\\d{6}")).findFirst().orElseThrow();
        }
    }
}
