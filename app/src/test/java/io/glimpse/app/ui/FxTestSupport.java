package io.glimpse.app.ui;

import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.ImportViewModel;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for the headless window tests. */
final class FxTestSupport {
    private FxTestSupport() {
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds. */
    static void await(String what, int seconds, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Boolean.TRUE.equals(fx(condition))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
    }

    /** The repository root (surefire sets glimpse.repoRoot). */
    static Path repoRoot() {
        return Path.of(System.getProperty("glimpse.repoRoot", ".")).toAbsolutePath().normalize();
    }

    /** Writes a snapshot of the whole scene as a PNG. */
    static Path screenshot(Scene scene, String name) throws Exception {
        Path dir = repoRoot().resolve("docs/screenshots");
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        fx(() -> {
            scene.getRoot().requestFocus(); // no blinking caret: the same pixels on every run
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return null;
        });
        Thread.sleep(200); // two pulses: what views apply a pulse late is laid out
        var shot = fx(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", f.toFile());
        return f;
    }

    /**
     * Writes a snapshot of the window's content laid out at {@code width}x{@code height}: the root is
     * moved into a scene of that size for the shot and back after (Monocle's screen is 1280x800, and a
     * window grown past it is not painted).
     */
    static Path screenshotAt(Stage stage, double width, double height, String name) throws Exception {
        Scene scene = stage.getScene();
        Parent root = fx(() -> {
            Parent r = scene.getRoot();
            scene.setRoot(new Group());
            return r;
        });
        Scene big = fx(() -> new Scene(root, width, height));
        try {
            return screenshot(big, name);
        } finally {
            fx(() -> {
                big.setRoot(new Group());
                scene.setRoot(root);
                return null;
            });
        }
    }

    /** A workbench window at 1280x800 on the test's stage, with its task runner; close it after each test. */
    record OpenWindow(TaskRunner runner, WorkbenchViewModel vm, WorkbenchView view) implements AutoCloseable {
        static OpenWindow show(Stage stage, Path config, EngineFactory engines) {
            return show(stage, config, engines, new Importer()::run, System::nanoTime);
        }

        /** With imports run by {@code imports} and timed by {@code clock}. */
        static OpenWindow show(Stage stage, Path config, EngineFactory engines, ImportViewModel.ImportJob imports, LongSupplier clock) {
            TaskRunner runner = TaskRunner.background(Platform::runLater, 3);
            WorkbenchViewModel vm = new WorkbenchViewModel(runner, new SettingsStore(config), engines, imports, clock);
            vm.settings().window.width = 1280;
            vm.settings().window.height = 800;
            return new OpenWindow(runner, vm, GlimpseApp.show(stage, vm));
        }

        @Override
        public void close() {
            vm.close();
            runner.close();
        }
    }
}
