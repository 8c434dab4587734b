package io.glimpse.app.ui.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import javafx.beans.binding.Bindings;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The workbench window's layout: toolbar (open, paste, model folder, import, theme, progress, Run/Stop),
 * media list, what the model sees, frame strip, token ledger, prompts and the answer with its
 * diagnostics, the import card, and the message area. Only wires nodes to the view model.
 */
public final class WorkbenchView extends BorderPane {
    private final WorkbenchViewModel vm;
    private final SplitPane main;
    private final SplitPane centre;
    private final SplitPane right;

    public WorkbenchView(WorkbenchViewModel vm) {
        this.vm = vm;
        setId("workbench");
        // Three resizable columns; the centre and right ones split again, so the canvases scroll on their own
        // while the frame controls and the ledger stay in view, and the answer can be given most of the height.
        PreviewView previewView = new PreviewView(vm.preview(), vm.strip(), vm.media().selectedProperty());
        previewView.showOcrBoxes(vm.media().ocrResults(), vm.media().selectedProperty());
        ScrollPane preview = scroll(previewView);
        preview.setId("previewScroll");
        ScrollPane controls = scroll(new VBox(new FrameStripView(vm.strip(), vm.controls()), new LedgerBar(vm.ledger())));
        controls.setId("controlsScroll");
        controls.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED); // a column dragged very narrow scrolls rather than clips
        centre = new SplitPane(preview, controls);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(vm.settings().window.centreSplit);
        ScrollPane prompt = scroll(new PromptPane(vm.prompts(), () -> {
            vm.askEachItem();
            if (vm.eachItem().runningProperty().get()) {
                EachItemWindow.show(getScene().getWindow(), vm.eachItem());
            }
        }));
        prompt.setId("promptScroll");
        right = new SplitPane(prompt, new AnswerPane(vm.run()));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(vm.settings().window.rightSplit);
        MediaListView mediaList = new MediaListView(vm.media());
        mediaList.setMinWidth(170); // a name and its size stay readable however the splits are dragged
        right.setMinWidth(330); // the sampling rows and the figures need this much
        main = new SplitPane(mediaList, centre, right);
        main.setOrientation(Orientation.HORIZONTAL);
        restoreSplits();
        setTop(toolbar());
        // The import card floats over the top right corner; everything else stays usable while it shows.
        StackPane centreWithImport = new StackPane(main, new ImportPane(vm.importer()));
        StackPane.setAlignment(centreWithImport.getChildren().get(1), Pos.TOP_RIGHT);
        StackPane.setMargin(centreWithImport.getChildren().get(1), new Insets(10, 14, 0, 0));
        setCenter(centreWithImport);
        Label note = new Label();
        note.setId("planNote");
        note.textProperty().bind(vm.planNoteProperty());
        note.setStyle("-fx-font-size: 11px; -fx-padding: 2 8 4 8");
        note.setWrapText(true); // a long folder path wraps instead of being cut off
        note.setMaxWidth(Double.MAX_VALUE);
        setBottom(new VBox(new MessagesView(vm.messages()), note));
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                dropFiles(e.getDragboard().getFiles());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** What a drop (or an open dialog) does with files. */
    public void dropFiles(List<File> files) {
        vm.media().add(files.stream().map(File::toPath).toList());
    }

    /** Adds a "History" toggle to the toolbar that shows {@code pane} beside or over the workbench ({@link HistoryDock}). */
    public void addHistory(HistoryPane pane) {
        ToggleButton toggle = new ToggleButton("History");
        toggle.setId("historyToggle");
        toggle.setTooltip(new javafx.scene.control.Tooltip("Recorded runs: search, open, re-run, delete, export"));
        ToolBar bar = (ToolBar) getTop();
        int at = bar.getItems().indexOf(bar.getItems().stream().filter(n -> "themeToggle".equals(n.getId())).findFirst().orElse(null));
        bar.getItems().add(at < 0 ? bar.getItems().size() : at, toggle);
        HistoryDock.install(this, (StackPane) getCenter(), toggle, pane);
    }

    /** The split positions, to remember. */
    public double[] dividers() {
        return main.getDividerPositions();
    }

    /**
     * Puts the splits where the settings say. Called again once the window is shown: the first layout
     * runs at the content's preferred size, where the minimum widths move the dividers.
     */
    public void restoreSplits() {
        double[] d = vm.settings().window.dividers;
        if (d != null && d.length == 2) {
            main.setDividerPositions(d);
        }
        centre.setDividerPositions(vm.settings().window.centreSplit);
        right.setDividerPositions(vm.settings().window.rightSplit);
    }

    /** The centre column's split position (preview above, controls and ledger below), to remember. */
    public double centreSplit() {
        return centre.getDividerPositions()[0];
    }

    /** The right column's split position (prompt above, answer below), to remember. */
    public double rightSplit() {
        return right.getDividerPositions()[0];
    }

    /** Calls {@code action} whenever the user moves a split. */
    public void onDividersMoved(Runnable action) {
        for (SplitPane p : List.of(main, centre, right)) {
            p.getDividers().forEach(d -> d.positionProperty().addListener(o -> action.run()));
        }
    }

    /** {@code content} scrolling vertically, as wide as the pane. */
    private static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return s;
    }

    private ToolBar toolbar() {
        Button open = new Button("Open…");
        open.setId("openButton");
        open.setOnAction(e -> openDialog());
        Button paste = new Button("Paste");
        paste.setOnAction(e -> Clipboards.paste(vm));
        Button model = new Button("Model folder…");
        model.setId("modelButton");
        model.setOnAction(e -> chooseModel());
        Button importModel = new Button("Import model…");
        importModel.setId("importButton");
        importModel.setTooltip(new javafx.scene.control.Tooltip(
                "Turn a downloaded Hugging Face checkpoint (config.json + safetensors) into a model folder Glimpse runs"));
        importModel.setOnAction(e -> chooseCheckpoint());
        Button remote = new Button("Remote…");
        remote.setId("remoteButton");
        remote.setOnAction(e -> RemoteDialog.show(window())
                .ifPresent(endpoint -> vm.run().modelFolderProperty().set(io.glimpse.app.remote.RemoteSource.choose(endpoint))));
        Button profileOnly = new Button("Plan only");
        profileOnly.setOnAction(e -> vm.chooseModelFolder(null));
        Label folder = new Label();
        folder.setId("modelFolder");
        folder.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.run().modelFolderProperty().get() == null
                ? "no model: plan only" : vm.run().modelFolderProperty().get().getFileName().toString(), vm.run().modelFolderProperty()));
        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("themeToggle");
        dark.setSelected("dark".equals(vm.themeProperty().get()));
        dark.selectedProperty().addListener((o, a, b) -> vm.themeProperty().set(b ? "dark" : "light"));
        // The answer's stage as a determinate bar with its name and percent (updated once per frame
        // by the answer pane's pump), an import's likewise; other background work (decodes, probes) as a busy bar.
        var r = vm.run();
        var imp = vm.importer();
        var importing = imp.runningProperty().and(r.runningProperty().not());
        ProgressBar busy = new ProgressBar();
        busy.setId("busy");
        busy.setPrefWidth(110);
        busy.progressProperty().bind(Bindings.when(r.runningProperty().and(r.progressProperty().greaterThanOrEqualTo(0)))
                .then(r.progressProperty()).otherwise(Bindings.when(importing).then(imp.progress().fractionProperty())
                        .otherwise(ProgressBar.INDETERMINATE_PROGRESS)));
        busy.visibleProperty().bind(vm.busyProperty().greaterThan(0).or(r.runningProperty()));
        Label stage = new Label();
        stage.setId("stageLabel");
        stage.setMinWidth(Region.USE_PREF_SIZE);
        stage.textProperty().bind(Bindings.createStringBinding(() -> r.runningProperty().get() && r.progressProperty().get() >= 0
                ? String.format(java.util.Locale.ROOT, "%s %.0f %%", r.stageProperty().get(), 100 * r.progressProperty().get())
                : importing.get() ? String.format(java.util.Locale.ROOT, "import %.0f %%", 100 * imp.progress().fractionProperty().get())
                : r.stageProperty().get(), r.runningProperty(), r.progressProperty(), r.stageProperty(), importing,
                imp.progress().fractionProperty()));
        Button run = new Button("Run");
        run.setId("runButton");
        run.setDefaultButton(false);
        run.setStyle("-fx-font-weight: bold");
        run.disableProperty().bind(vm.run().runningProperty());
        run.setOnAction(e -> vm.runAnswer());
        Button stop = new Button("Stop");
        stop.setId("stopButton");
        stop.disableProperty().bind(vm.run().runningProperty().not());
        stop.setOnAction(e -> vm.run().stop());
        Button compare = new Button("Compare / sweep…");
        compare.setId("compareButton");
        compare.setOnAction(e -> CompareWindow.show(window(), new io.glimpse.app.ui.vm.CompareViewModel(
                () -> new io.glimpse.app.ui.vm.CompareViewModel.Current(vm.run().modelFolderProperty().get(), vm.request()),
                vm::recordingTo, job -> {
                    Thread t = new Thread(job, "glimpse-compare");
                    t.setDaemon(true); // a window closed mid-run must not keep the process alive
                    t.start();
                }, javafx.application.Platform::runLater)));
        Region grow = new Region();
        javafx.scene.layout.HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar bar = new ToolBar(open, paste, model, importModel, remote, profileOnly, folder, grow, busy, stage, dark, compare, run, stop);
        bar.setId("toolbar");
        return bar;
    }

    private void openDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open images or videos");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images and videos", "*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif", "*.webp", "*.heic",
                        "*.heif", "*.mp4", "*.mov", "*.mkv", "*.webm", "*.avi", "*.m4v"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null) {
            dropFiles(files);
        }
    }

    private void chooseModel() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Model folder");
        Path current = vm.run().modelFolderProperty().get();
        if (current != null && current.getParent() != null) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.chooseModelFolder(dir.toPath());
        }
    }

    private void chooseCheckpoint() {
        if (vm.importer().runningProperty().get()) {
            vm.importer().shownProperty().set(true); // one import at a time: show the running one
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Hugging Face checkpoint to import (config.json + safetensors)");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.importer().open(dir.toPath());
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Ctrl+Enter runs, Esc stops, Ctrl+O opens, Ctrl+V pastes files or a picture (outside text fields). */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::runAnswer);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openDialog);
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.run().runningProperty().get()) {
                vm.run().stop();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) && Clipboards.paste(vm)) {
                e.consume();
            }
        });
        vm.themeProperty().addListener((o, a, b) -> applyTheme(b));
        applyTheme(vm.themeProperty().get());
    }

    /** AtlantaFX's Primer light or dark stylesheet for the whole application. */
    public static void applyTheme(String theme) {
        Application.setUserAgentStylesheet("dark".equals(theme) ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

}
