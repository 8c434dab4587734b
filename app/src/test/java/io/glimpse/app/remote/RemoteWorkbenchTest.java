package io.glimpse.app.remote;

import static io.glimpse.app.remote.ScriptedServer.DONE;
import static io.glimpse.app.remote.ScriptedServer.delta;
import static io.glimpse.app.remote.ScriptedServer.finish;
import static io.glimpse.app.remote.ScriptedServer.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.generate.FinishReason;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's "remote endpoint" model source, through the workbench's view model (work runs inline). */
class RemoteWorkbenchTest {
    @TempDir
    Path dir;
    WorkbenchViewModel vm;

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private WorkbenchViewModel open() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("config")), RemoteSource.or(folder -> {
            throw new AssertionError("a local folder was opened: " + folder);
        }));
        return vm;
    }

    @Test
    void aChosenEndpointAnswersTheWindowsQuestionAndTheKeyStaysOutOfTheSettings() throws Exception {
        Path image = dir.resolve("wide.png");
        ImageIO.write(new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("A black "), delta("picture."), finish("stop"),
                usage(900, 3), DONE))) {
            open();
            vm.media().add(List.of(image));
            vm.prompts().promptProperty().set("What is in it?");
            Path source = RemoteSource.choose(RemoteEndpoint.of(s.url(), "sk-secret", "hcx"));
            vm.run().modelFolderProperty().set(source);
            int shown = vm.ledger().ledgerProperty().get().promptTokens(); // the window's ledger before the run
            vm.runAnswer();

            assertThat(vm.messages().messages()).extracting(m -> m.text()).noneMatch(t -> t.contains("failed"));
            assertThat(vm.run().answerProperty().get()).isEqualTo("A black picture.");
            assertThat(vm.run().resultProperty().get().promptTokens()).isEqualTo(900);
            assertThat(vm.run().engineNameProperty().get()).startsWith("hcx (remote, " + s.url() + "); last answer: ledger ")
                    .endsWith("ledger " + shown + " prompt tokens, server 900 (" + String.format("%+d", 900 - shown) + ")");
            assertThat(s.received.get(0).authorization()).isEqualTo("Bearer sk-secret");
            assertThat(RemoteClient.MAPPER.readTree(s.received.get(0).body()).at("/messages/0/content/0/type").asText())
                    .isEqualTo("image_url");
            assertThat(source.toString()).isEqualTo("remote hcx at 127.0.0.1:" + s.url().substring(s.url().lastIndexOf(':') + 1));

            vm.save();
            Path settings = new SettingsStore(dir.resolve("config")).file();
            assertThat(Files.readString(settings)).doesNotContain("sk-secret");
        }
    }

    @Test
    void aStreamCutMidwayShowsTheErrorAndKeepsThePartialAnswer() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("Only half")))) {
            open();
            vm.prompts().promptProperty().set("Hi");
            vm.run().modelFolderProperty().set(RemoteSource.choose(RemoteEndpoint.of(s.url(), null, "hcx")));
            vm.runAnswer();

            assertThat(vm.run().answerProperty().get()).isEqualTo("Only half");
            assertThat(vm.run().resultProperty().get().finishReason()).isEqualTo(FinishReason.ERROR);
            assertThat(vm.messages().messages()).extracting(m -> m.text())
                    .anyMatch(t -> t.contains("generation failed: the stream ended before the answer did"));
        }
    }

    @Test
    void theConnectionTestListsTheModelsOrSaysWhatIsWrong() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(200, "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"))) {
            RemoteConnection.Test ok = RemoteConnection.test(RemoteConnection.endpoint(s.url(), "", ""));
            assertThat(ok.ok()).isTrue();
            assertThat(ok.text()).isEqualTo("connected: 2 models (a, b); questions go to a");
            RemoteConnection.Test missing = RemoteConnection.test(RemoteConnection.endpoint(s.url(), "", "c"));
            assertThat(missing.ok()).isFalse();
            assertThat(missing.text()).isEqualTo("connected, but the server has no model 'c'; it serves: a, b");
        }
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.json(401, "{\"error\":\"no\"}"))) {
            assertThat(RemoteConnection.test(RemoteConnection.endpoint(s.url(), "x", "")).text())
                    .isEqualTo("the server refused the API key (HTTP 401); give the right one with --api-key: no");
        }
    }
}
