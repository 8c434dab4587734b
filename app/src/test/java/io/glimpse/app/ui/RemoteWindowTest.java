package io.glimpse.app.ui;

import static io.glimpse.app.remote.ScriptedServer.DONE;
import static io.glimpse.app.remote.ScriptedServer.delta;
import static io.glimpse.app.remote.ScriptedServer.finish;
import static io.glimpse.app.remote.ScriptedServer.usage;
import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.remote.RemoteSource;
import io.glimpse.app.remote.ScriptedServer;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** "Remote…" in the toolbar, headless: type the URL, test the connection, use it, and get an answer from the server. */
@ExtendWith(ApplicationExtension.class)
class RemoteWindowTest {
    @TempDir
    Path config;
    FxTestSupport.OpenWindow window;
    WorkbenchViewModel vm;
    ScriptedServer server;

    @Start
    void start(Stage stage) throws Exception {
        server = new ScriptedServer(x -> {
            if (x.getRequestURI().getPath().endsWith("/models")) {
                ScriptedServer.json(200, "{\"data\":[{\"id\":\"served-hcx\"}]}").handle(x);
            } else {
                ScriptedServer.sse(0, delta("From "), delta("afar."), finish("stop"), usage(42, 2), DONE).handle(x);
            }
        });
        window = FxTestSupport.OpenWindow.show(stage, config, RemoteSource.or(folder -> {
            throw new AssertionError("a local folder was opened: " + folder);
        }));
        vm = window.vm();
    }

    @AfterEach
    void close() {
        window.close();
        server.close();
    }

    @Test
    void theRemoteDialogTestsTheConnectionAndTheRunAnswersOnTheServer(FxRobot robot) throws Exception {
        robot.clickOn("#remoteButton");
        TextInputControl url = robot.lookup("#remoteUrl").queryTextInputControl();
        fx(() -> {
            url.setText(server.url() + "/v1");
            return null;
        });
        robot.clickOn("#remoteTest");
        Label status = robot.lookup("#remoteStatus").queryAs(Label.class);
        await("the connection test", 10, () -> status.getText().startsWith("connected"));
        assertThat(fx(status::getText)).isEqualTo("connected: 1 model (served-hcx); questions go to served-hcx");
        assertThat(fx(() -> robot.lookup("#remoteModel").queryTextInputControl().getText())).isEqualTo("served-hcx");
        robot.clickOn("Use");

        String port = server.url().substring(server.url().lastIndexOf(':') + 1);
        await("the toolbar naming the endpoint", 5, () -> robot.lookup("#modelFolder").queryAs(Label.class).getText()
                .equals("remote served-hcx at 127.0.0.1:" + port));
        fx(() -> {
            vm.prompts().promptProperty().set("Where are you?");
            vm.runAnswer();
            return null;
        });
        await("the remote answer", 10, () -> vm.run().resultProperty().get() != null);
        assertThat(fx(() -> vm.run().answerProperty().get())).isEqualTo("From afar.");
        assertThat(fx(() -> vm.run().resultProperty().get().promptTokens())).isEqualTo(42);
    }
}
