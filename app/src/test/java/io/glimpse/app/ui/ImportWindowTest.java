package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.ImportViewModel;
import io.glimpse.inference.importer.ImportReport;
import io.glimpse.inference.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The import card in the window, headless: a real import of the stories260K checkpoint that ends
 * with the new folder as the model; and the README's pictures of the card during and after an
 * import, at 1280x800 and 1920x1080.
 */
@ExtendWith(ApplicationExtension.class)
class ImportWindowTest {
    static final Path FIXTURE = FxTestSupport.repoRoot().resolve("../shared/fixtures/hf/stories260K-llama").normalize();

    @TempDir
    Path config;
    @TempDir
    Path models;
    volatile ImportViewModel.ImportJob imports = new Importer()::run;
    volatile LongSupplier clock = System::nanoTime;
    FxTestSupport.OpenWindow window;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> new FakeEngine(5, 1000),
                (s, o, opts, l, c) -> imports.run(s, o, opts, l, c), () -> clock.getAsLong());
    }

    @BeforeEach
    void needsTheFixture() {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURE), "skipped: the Hugging Face fixture " + FIXTURE + " is absent");
    }

    @AfterEach
    void close() {
        window.close();
    }

    void typeOutput(FxRobot robot, Path out) throws Exception {
        TextField field = robot.lookup("#importOutput").queryAs(TextField.class);
        fx(() -> {
            field.clear();
            return null;
        });
        robot.clickOn("#importOutput").write(out.toString());
    }

    @Test
    void importingTheCheckpointOpensTheNewFolderAsTheModel(FxRobot robot) throws Exception {
        fx(() -> {
            window.vm().importer().open(FIXTURE); // what Import model… does once the folder is chosen
            return null;
        });
        await("the checkpoint summary", 10, () -> robot.lookup("#importSummary").queryAs(Label.class).getText().startsWith("LlamaForCausalLM"));
        Path out = models.resolve("stories-imported");
        typeOutput(robot, out);
        robot.clickOn("#importStart");
        Label folder = robot.lookup("#modelFolder").queryAs(Label.class);
        await("the imported folder as the model", 30, () -> folder.getText().equals("stories-imported"));
        assertThat(out.resolve("glimpse.json")).isRegularFile();
        assertThat(fx(() -> robot.lookup("#importProgressText").queryAs(Label.class).getText())).startsWith("done: ");
        assertThat(fx(() -> window.vm().messages().messages().get(0).text())).startsWith("imported LlamaForCausalLM");
    }

    @Test
    void stopEndsTheImportAndLeavesNothingBehind(FxRobot robot) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        imports = (s, o, opts, l, c) -> new Importer().run(s, o, opts, p -> {
            l.progress(p);
            if (p.tensorsDone() == 2) {
                held.countDown();
                awaitRelease(release); // Stop is pressed while the importer waits here, inside its tensor loop
            }
        }, c);
        fx(() -> {
            window.vm().importer().open(FIXTURE);
            return null;
        });
        await("the checkpoint summary", 10, () -> robot.lookup("#importSummary").queryAs(Label.class).getText().startsWith("LlamaForCausalLM"));
        typeOutput(robot, models.resolve("stopped"));
        robot.clickOn("#importStart");
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        robot.clickOn("#importStop");
        Label counts = robot.lookup("#importProgressText").queryAs(Label.class);
        assertThat(fx(counts::getText)).isEqualTo("stopping…");
        release.countDown();
        await("the import to stop", 30, () -> counts.getText().equals("stopped: nothing was written"));
        try (var left = Files.list(models)) {
            assertThat(left).isEmpty(); // neither the output nor the importer's hidden temporary folder
        }
        assertThat(fx(() -> robot.lookup("#modelFolder").queryAs(Label.class).getText())).isEqualTo("no model: plan only");
        assertThat(fx(() -> robot.lookup("#importStart").query().isDisabled())).isFalse(); // ready for another try, settings kept
        assertThat(fx(() -> window.vm().importer().outputProperty().get())).isEqualTo(models.resolve("stopped").toString());
    }

    @Test
    void theImportCardDuringAndAfterAnImport(FxRobot robot) throws Exception {
        // The pictured run: the real importer, held at half the tensors, on a clock of 100 ms a tensor,
        // and a fixed duration in the report, so the pictures only change when the window does. The output
        // is a fixed folder under /tmp, the same for every checkout (a temporary folder's random name would be in the picture).
        Path out = Path.of("/tmp/glimpse-import-window-test/stories260K-llama-glimpse-fp32");
        deleteTree(out.getParent());
        AtomicLong fakeNanos = new AtomicLong();
        clock = fakeNanos::get;
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        imports = (s, o, opts, l, c) -> {
            ImportReport r = new Importer().run(s, o, opts, p -> {
                fakeNanos.set(p.tensorsDone() * 100_000_000L);
                l.progress(p);
                if (p.tensorsDone() == p.tensorsTotal() / 2) {
                    held.countDown();
                    awaitRelease(release);
                }
            }, c);
            return new ImportReport(r.folder(), r.architecture(), r.parameters(), r.files(), r.precision(), r.ops(), 0.4,
                    r.assumptions());
        };
        fx(() -> {
            window.vm().chooseModelFolder(FIXTURE); // a checkpoint as the model folder: the card opens for it
            return null;
        });
        await("the checkpoint summary", 10, () -> robot.lookup("#importSummary").queryAs(Label.class).getText().startsWith("LlamaForCausalLM"));
        typeOutput(robot, out);
        robot.clickOn("#importStart");
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        Label counts = robot.lookup("#importProgressText").queryAs(Label.class);
        await("half the tensors shown", 10, () -> {
            String[] words = counts.getText().split(" ");
            return words.length > 3 && words[1].equals("/") && Integer.parseInt(words[0]) == Integer.parseInt(words[2]) / 2;
        });
        assertThat(fx(() -> robot.lookup("#importEta").queryAs(Label.class).getText())).matches("ETA \\d+ s");
        assertThat(fx(() -> robot.lookup("#stageLabel").queryAs(Label.class).getText())).matches("import \\d+ %");
        robot.moveTo("#planNote"); // no hover highlight in the picture
        FxTestSupport.screenshot(stage.getScene(), "import-running.png");
        FxTestSupport.screenshotAt(stage, 1920, 1080, "import-running-1920.png");
        release.countDown();
        Label folder = robot.lookup("#modelFolder").queryAs(Label.class);
        await("the imported folder as the model", 30, () -> folder.getText().equals(out.getFileName().toString()));
        assertThat(fx(counts::getText)).startsWith("done: ").endsWith(" written in 0.4 s");
        FxTestSupport.screenshot(stage.getScene(), "import-done.png");
        FxTestSupport.screenshotAt(stage, 1920, 1080, "import-done-1920.png");
    }

    static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the import");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
