package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.ImportViewModel;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.Precision;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/**
 * The import card, floating over the workbench's top right corner (the rest of the window stays
 * usable): source, checkpoint summary, output folder, precision, op set, LM head, Start/Stop and
 * the progress with its ETA. Only wires nodes to {@link ImportViewModel}; shown while the view
 * model says so. UI thread only.
 */
public final class ImportPane extends VBox {
    private static final double WIDTH = 560;

    public ImportPane(ImportViewModel vm) {
        setId("importPane");
        setSpacing(10);
        setPadding(new Insets(14, 16, 14, 16));
        setPrefWidth(WIDTH);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-radius: 6;"
                + " -fx-background-radius: 6; -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 14, 0, 0, 3)");
        visibleProperty().bind(vm.shownProperty());
        managedProperty().bind(vm.shownProperty());

        Label title = new Label("Import a Hugging Face checkpoint");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button("×");
        close.setId("importClose");
        close.getStyleClass().addAll("flat", "small");
        close.setTooltip(new Tooltip("Hide the import pane (a running import goes on; Import model… shows it again)"));
        close.setOnAction(e -> vm.close());
        HBox head = new HBox(6, title, grow, close);
        head.setAlignment(Pos.CENTER_LEFT);

        Label source = new Label();
        source.setId("importSource");
        source.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS); // the folder's own name is the end worth seeing
        source.textProperty().bind(Bindings.createStringBinding(() -> vm.sourceProperty().get() == null ? ""
                : vm.sourceProperty().get().toString(), vm.sourceProperty()));
        Tooltip sourceTip = new Tooltip();
        sourceTip.textProperty().bind(source.textProperty());
        source.setTooltip(sourceTip);
        Label summary = new Label();
        summary.setId("importSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());

        TextField output = new TextField();
        output.setId("importOutput");
        output.textProperty().bindBidirectional(vm.outputProperty());
        // A long path shows its end (the new folder's name) unless the user is editing it: a text field
        // only scrolls while focused, so a label with a leading ellipsis stands in for its text meanwhile.
        Label outputShown = new Label();
        outputShown.setId("importOutputShown");
        outputShown.textProperty().bind(output.textProperty());
        outputShown.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        outputShown.setMouseTransparent(true);
        outputShown.setMinWidth(0);
        outputShown.setPrefWidth(1); // the field sets the width; the label fills it
        outputShown.setMaxWidth(Double.MAX_VALUE);
        outputShown.setPadding(new Insets(0, 12, 0, 12));
        outputShown.visibleProperty().bind(output.focusedProperty().not());
        output.styleProperty().bind(Bindings.when(output.focusedProperty()).then("").otherwise("-fx-text-fill: transparent"));
        StackPane outputField = new StackPane(output, outputShown);
        StackPane.setAlignment(outputShown, Pos.CENTER_LEFT);
        Tooltip outputTip = new Tooltip();
        outputTip.textProperty().bind(output.textProperty());
        output.setTooltip(outputTip);
        Button where = new Button("Folder…");
        where.setTooltip(new Tooltip("Choose where the model folder goes (its name stays as typed)"));
        where.setOnAction(e -> chooseParent(vm));
        HBox.setHgrow(outputField, Priority.ALWAYS);
        HBox outputRow = new HBox(6, outputField, where);

        ChoiceBox<Precision> precision = new ChoiceBox<>();
        precision.setId("importPrecision");
        precision.getItems().setAll(Precision.values());
        precision.setConverter(names(Precision::cliName));
        precision.valueProperty().bindBidirectional(vm.precisionProperty());
        Label precisionNote = new Label();
        precisionNote.setStyle("-fx-text-fill: -color-fg-muted");
        precisionNote.textProperty().bind(vm.precisionNoteProperty());
        HBox precisionRow = new HBox(8, precision, precisionNote);
        precisionRow.setAlignment(Pos.CENTER_LEFT);
        ChoiceBox<Ops> ops = new ChoiceBox<>();
        ops.setId("importOps");
        ops.getItems().setAll(Ops.values());
        ops.setConverter(names(o -> o == Ops.FUSED ? "fused (ONNX Runtime contrib ops)" : "standard (plain ONNX opset 17)"));
        ops.valueProperty().bindBidirectional(vm.opsProperty());
        CheckBox lmHead = new CheckBox("Keep the LM head in fp32");
        lmHead.setId("importLmHead");
        lmHead.selectedProperty().bindBidirectional(vm.lmHeadFp32Property());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().setAll(labels, fields);
        form.addRow(0, new Label("Checkpoint"), source);
        form.addRow(1, new Label(""), summary);
        form.addRow(2, new Label("Output folder"), outputRow);
        form.addRow(3, new Label("Precision"), precisionRow);
        form.addRow(4, new Label("Op set"), ops);
        form.addRow(5, new Label(""), lmHead);
        for (var settings : new javafx.scene.Node[] {outputRow, precision, ops, lmHead}) {
            settings.disableProperty().bind(vm.runningProperty());
        }

        Button start = new Button("Start");
        start.setId("importStart");
        start.setStyle("-fx-font-weight: bold");
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button stop = new Button("Stop");
        stop.setId("importStop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        ProgressBar bar = new ProgressBar();
        bar.setId("importProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(vm.progress().fractionProperty());
        HBox actions = new HBox(8, start, stop, bar);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label counts = new Label();
        counts.setId("importProgressText");
        counts.textProperty().bind(vm.progress().textProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label eta = new Label();
        eta.setId("importEta");
        eta.setMinWidth(Region.USE_PREF_SIZE);
        eta.textProperty().bind(vm.progress().etaProperty());
        HBox figures = new HBox(8, counts, gap, eta);
        figures.setStyle("-fx-font-size: 12px");
        getChildren().setAll(head, form, actions, figures);
    }

    /** Keeps the typed folder name and puts it under the chosen folder. */
    private void chooseParent(ImportViewModel vm) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Where the imported model folder goes");
        String typed = vm.outputProperty().get();
        Path current = typed == null || typed.isBlank() ? null : Path.of(typed.trim());
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            String name = current == null || current.getFileName() == null ? "imported-model" : current.getFileName().toString();
            vm.outputProperty().set(dir.toPath().resolve(name).toString());
        }
    }

    private static <T> StringConverter<T> names(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choice boxes are not edited");
            }
        };
    }
}
