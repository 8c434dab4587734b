package io.glimpse.app.ui;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.app.ui.view.HistoryPane;
import io.glimpse.app.ui.view.WorkbenchView;
import io.glimpse.app.ui.vm.HistoryViewModel;
import io.glimpse.app.ui.vm.MessagesViewModel;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application: one workbench window, its runs recorded in the user's run history and
 * listed in its history pane. Started through {@link WindowLauncher} (a class
 * path main class must not extend Application). Files named on the command line are opened.
 */
public final class GlimpseApp extends Application {
    private WorkbenchViewModel vm;
    private TaskRunner runner;
    private HistoryStore history;
    private HistoryViewModel historyPane;

    @Override
    public void start(Stage stage) {
        runner = TaskRunner.background(Platform::runLater, 3);
        vm = new WorkbenchViewModel(runner, SettingsStore.user(), io.glimpse.app.remote.RemoteSource.or(EngineFactory.builtIn()));
        WorkbenchView view = show(stage, vm);
        Attached h = openHistory(view, vm, runner, HistoryStore.configuredFile());
        if (h != null) {
            history = h.store();
            historyPane = h.pane();
        }
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            view.dropFiles(args.stream().map(a -> Path.of(a).toFile()).toList());
        }
        stage.setOnHidden(e -> remember(stage, view, vm));
    }

    /** Builds the window for {@code vm} on {@code stage} at its remembered place and shows it (also used by the UI tests). */
    public static WorkbenchView show(Stage stage, WorkbenchViewModel vm) {
        WorkbenchView view = new WorkbenchView(vm);
        Settings.Window w = vm.settings().window;
        List<Rectangle2D> screens = new ArrayList<>(List.of(Screen.getPrimary().getVisualBounds()));
        Screen.getScreens().stream().filter(s -> !s.equals(Screen.getPrimary())).forEach(s -> screens.add(s.getVisualBounds()));
        WindowPlace place = WindowPlace.fit(w, screens);
        // The saved size is the window's outer size (Stage width/height, decorations included) and is
        // restored as that: giving it only to the Scene made the window grow by its decorations every start.
        // The Scene starts at that size too, so the first layout is not at the content's preferred size
        // (a SplitPane shrunk from there spreads the difference over its columns and loses its positions).
        Scene scene = new Scene(view, place.width(), place.height());
        stage.setWidth(place.width());
        stage.setHeight(place.height());
        view.installShortcuts(scene);
        stage.setTitle("Glimpse");
        stage.setScene(scene);
        if (place.placed()) {
            stage.setX(place.x());
            stage.setY(place.y());
        }
        stage.setMaximized(w.maximized);
        stage.show();
        // the place is saved as it changes too (debounced by the view model), so a killed session keeps it
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty(), stage.maximizedProperty()}) {
            o.addListener(x -> {
                place(stage, view, vm.settings().window);
                vm.settingsChanged();
            });
        }
        view.onDividersMoved(() -> {
            place(stage, view, vm.settings().window);
            vm.settingsChanged();
        });
        return view;
    }

    /** The history the window records into, and its pane's view model (close the pane first). */
    public record Attached(HistoryStore store, HistoryViewModel pane) {
    }

    /**
     * Opens the history in {@code file} for the window: what happened while opening (a file set
     * aside) goes to the message strip as warnings; when it cannot be opened at all, the reason is an
     * error there and null is returned: the window works on without a history.
     */
    public static Attached openHistory(WorkbenchView view, WorkbenchViewModel vm, TaskRunner runner, Path file) {
        HistoryStore store;
        try {
            store = HistoryStore.open(file);
        } catch (RuntimeException e) {
            vm.messages().error("the run history is off: " + MessagesViewModel.describe(e));
            return null;
        }
        store.notices().forEach(vm.messages()::warn);
        return new Attached(store, attachHistory(view, vm, runner, store));
    }

    /**
     * Records the window's runs in {@code store} and gives the window its history pane (also used by
     * the UI tests, with a temporary store). Returns the pane's view model; close it before the store.
     */
    public static HistoryViewModel attachHistory(WorkbenchView view, WorkbenchViewModel vm, TaskRunner runner, HistoryStore store) {
        vm.recordRunsIn(store);
        HistoryViewModel h = new HistoryViewModel(runner, store, vm, HistoryViewModel.DEBOUNCE_MILLIS);
        view.addHistory(new HistoryPane(h));
        h.refresh();
        return h;
    }

    /** Stores the window's place and split positions with the rest of the settings. */
    public static void remember(Stage stage, WorkbenchView view, WorkbenchViewModel vm) {
        place(stage, view, vm.settings().window);
        vm.save();
    }

    /** Copies the window's outer place and split positions into {@code w} (a maximized window keeps its normal place). */
    private static void place(Stage stage, WorkbenchView view, Settings.Window w) {
        w.maximized = stage.isMaximized();
        if (!stage.isMaximized() && stage.isShowing()) {
            w.x = stage.getX();
            w.y = stage.getY();
            w.width = stage.getWidth();
            w.height = stage.getHeight();
        }
        w.dividers = view.dividers();
        w.centreSplit = view.centreSplit();
        w.rightSplit = view.rightSplit();
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.run().stop(); // a running answer ends within one step
            vm.importer().stop(); // an import ends within a tensor and deletes its unfinished folder
        }
        if (runner != null) {
            runner.close(); // waits for the workers, so no model is closed under a running answer
        }
        if (vm != null) {
            vm.close();
        }
        if (historyPane != null) {
            historyPane.close();
        }
        if (history != null) {
            history.close(); // after the workers: a run's record being written is finished first
        }
    }
}
