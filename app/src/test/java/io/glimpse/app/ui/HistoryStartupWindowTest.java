package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.MessagesViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** How the window opens its history: a file set aside is a warning, one that cannot be made an error, and the window runs on. */
@ExtendWith(ApplicationExtension.class)
class HistoryStartupWindowTest {
    @TempDir
    Path config;
    FxTestSupport.OpenWindow window;
    GlimpseApp.Attached attached;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> new FakeEngine(3, 10_000));
    }

    @AfterEach
    void close() {
        window.close();
        if (attached != null) {
            attached.pane().close();
            attached.store().close();
        }
    }

    @Test
    void aHistoryThatCannotBeMadeIsAnErrorAndTheWindowHasNoPane() throws Exception {
        Path notAFolder = Files.writeString(config.resolve("plain-file"), "x");
        attached = fx(() -> GlimpseApp.openHistory(window.view(), window.vm(), window.runner(), notAFolder.resolve("history.db")));
        assertThat(attached).isNull();
        assertThat(fx(() -> window.vm().messages().messages())).anyMatch(m -> m.level() == MessagesViewModel.Level.ERROR
                && m.text().startsWith("the run history is off: ") && m.text().contains("plain-file"));
        assertThat(fx(() -> stage.getScene().lookup("#historyToggle"))).isNull();
    }

    @Test
    void aCorruptHistoryIsSetAsideWithAWarningAndThePaneOpensOnANewOne() throws Exception {
        Path file = Files.writeString(config.resolve("history.db"), "this is not a database, it is a note. ".repeat(200));
        attached = fx(() -> GlimpseApp.openHistory(window.view(), window.vm(), window.runner(), file));
        assertThat(attached).isNotNull();
        assertThat(fx(() -> window.vm().messages().messages())).anyMatch(m -> m.level() == MessagesViewModel.Level.WARNING
                && m.text().contains("kept aside as history.db.bad-"));
        assertThat(fx(() -> stage.getScene().lookup("#historyToggle"))).isNotNull();
        assertThat(attached.store().count()).isZero();
    }
}
