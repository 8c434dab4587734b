package io.glimpse.app.ui.view;

import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.app.ui.vm.HistoryViewModel;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The history side pane: search, model and media filters, the runs (three lines each: the
 * question; when, finish reason, tokens and total time; model and media), the selected run's answer, and Open,
 * Re-run, Delete (with Undo in place of a blocking confirmation) and Export. Only wires nodes to
 * the view model.
 */
public final class HistoryPane extends VBox {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final HistoryViewModel vm;
    private Runnable onOpened = () -> { };

    public HistoryPane(HistoryViewModel vm) {
        this.vm = vm;
        setId("historyPane");
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(420);
        setMinWidth(300);
        Label title = new Label("History");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px");
        TextField search = new TextField();
        search.setId("historySearch");
        search.setPromptText("Search question, answer, model, media");
        search.textProperty().bindBidirectional(vm.searchProperty());
        ComboBox<String> model = new ComboBox<>(vm.models());
        model.setId("historyModel");
        model.setPromptText("any model");
        model.setMaxWidth(Double.MAX_VALUE);
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(String folder) {
                return folder == null ? "any model" : Path.of(folder).getFileName().toString();
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        model.valueProperty().bindBidirectional(vm.modelFilterProperty());
        Button anyModel = new Button("×");
        anyModel.setTooltip(new Tooltip("any model"));
        anyModel.setOnAction(e -> vm.modelFilterProperty().set(null));
        TextField media = new TextField();
        media.setId("historyMedia");
        media.setPromptText("media name");
        media.textProperty().bindBidirectional(vm.mediaFilterProperty());
        media.setPrefColumnCount(9);
        HBox.setHgrow(model, Priority.ALWAYS);
        HBox filters = new HBox(4, model, anyModel, media);
        Label status = new Label();
        status.setId("historyStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Button undo = new Button("Undo");
        undo.setId("historyUndo");
        undo.visibleProperty().bind(vm.canUndoProperty());
        undo.managedProperty().bind(vm.canUndoProperty());
        undo.setOnAction(e -> vm.undo());
        HBox statusRow = new HBox(6, status, undo);
        statusRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ListView<RunSummary> list = new ListView<>(vm.runs());
        list.setId("historyList");
        list.setCellFactory(l -> new RunCell());
        list.setPlaceholder(new Label("No runs recorded yet"));
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.selectedProperty().get() != null) {
                vm.open();
                onOpened.run();
            }
        });

        TextArea answer = new TextArea();
        answer.setId("historyAnswer");
        answer.setEditable(false);
        answer.setWrapText(true);
        answer.setPrefRowCount(7);
        answer.setPromptText("the selected run's answer");
        vm.recordProperty().addListener((o, a, r) -> answer.setText(r == null ? "" : detail(r)));

        Button open = new Button("Open");
        open.setId("historyOpen");
        open.setTooltip(new Tooltip("Put this run's media, prompts and settings into the workbench, its answer into the chat"));
        open.setOnAction(e -> {
            vm.open();
            onOpened.run();
        });
        Button rerun = new Button("Re-run");
        rerun.setId("historyRerun");
        rerun.setTooltip(new Tooltip("Run it again exactly: the same files, frames, sampling and seed"));
        rerun.setOnAction(e -> {
            vm.rerun();
            onOpened.run();
        });
        Button delete = new Button("Delete");
        delete.setId("historyDelete");
        delete.setOnAction(e -> vm.delete());
        MenuItem md = new MenuItem("Markdown…");
        md.setOnAction(e -> export(HistoryViewModel.Format.MARKDOWN));
        MenuItem json = new MenuItem("JSON…");
        json.setOnAction(e -> export(HistoryViewModel.Format.JSON));
        MenuButton export = new MenuButton("Export", null, md, json);
        export.setId("historyExport");
        for (var b : new javafx.scene.control.Control[] {open, rerun, delete, export}) {
            b.disableProperty().bind(vm.recordProperty().isNull());
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(6, open, rerun, delete, export);
        getChildren().addAll(title, search, filters, statusRow, list, answer, actions);
    }

    /** Called after a run was opened or re-run from the pane (the dock closes a pane that covers the workbench). */
    void setOnOpened(Runnable action) {
        onOpened = action;
    }

    /** The record's answer, with its finish reason and figures on a last line. */
    static String detail(RunRecord r) {
        StringBuilder b = new StringBuilder(r.answer().isEmpty() ? "(no text)" : r.answer());
        RunRecord.Outcome o = r.outcome();
        if (o != null) {
            b.append("\n\n— ").append(o.finishReason()).append(String.format(Locale.ROOT, ", %d prompt tokens (%d visual), %d generated, %.0f ms",
                    o.promptTokens(), o.visualTokens(), o.generatedTokens(), o.totalMs()));
            if (o.error() != null) {
                b.append("\nerror: ").append(o.error());
            }
        }
        return b.toString();
    }

    private void export(HistoryViewModel.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export run");
        chooser.setInitialFileName(vm.exportName(format));
        chooser.getExtensionFilters().add(format == HistoryViewModel.Format.JSON
                ? new FileChooser.ExtensionFilter("JSON", "*.json") : new FileChooser.ExtensionFilter("Markdown", "*.md"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            vm.export(f.toPath(), format);
        }
    }

    /** The second line of a run: when, finish reason, tokens (prompt → generated), total time; what a narrow pane must not cut. */
    static String figures(RunSummary s) {
        String tokens = s.promptTokens() == null ? "" : " · " + s.promptTokens() + " → " + s.generatedTokens() + " tokens";
        String total = s.totalMs() == null ? "" : String.format(Locale.ROOT, " · %.1f s", s.totalMs() / 1000);
        return WHEN.format(Instant.ofEpochMilli(s.createdMillis())) + " · " + (s.finishReason() == null ? "?" : s.finishReason())
                + tokens + total;
    }

    /** The third line: the model folder's name and the media names (cut first when the pane is narrow). */
    static String where(RunSummary s) {
        String model = s.modelFolder() == null ? "no model" : Path.of(s.modelFolder()).getFileName().toString();
        return model + (s.mediaNames() == null || s.mediaNames().isBlank() ? "" : " · " + s.mediaNames());
    }

    /** Three lines per run; the whole text in the tooltip, as a narrow pane cuts long ones. */
    private static final class RunCell extends ListCell<RunSummary> {
        private final Label question = new Label();
        private final Label figures = new Label();
        private final Label where = new Label();
        private final VBox box = new VBox(1, question, figures, where);

        RunCell() {
            question.setStyle("-fx-font-weight: bold");
            figures.setStyle("-fx-font-size: 11px");
            where.setStyle("-fx-font-size: 11px; -fx-opacity: 0.75");
            box.setMinWidth(0);
            where.setMinWidth(0);
            question.setMinWidth(0);
            figures.setMinWidth(0);
            setPrefWidth(0); // the list's width, not the longest question's: no horizontal scrolling
        }

        @Override
        protected void updateItem(RunSummary s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String q = s.question() == null ? "" : s.question().replaceAll("\\s+", " ").trim();
            question.setText(q.isEmpty() ? "(no question)" : q);
            figures.setText(figures(s));
            where.setText(where(s));
            Tooltip t = new Tooltip(q + "\n" + figures.getText() + "\n" + where.getText());
            t.setWrapText(true);
            t.setMaxWidth(600);
            question.setTooltip(t);
            figures.setTooltip(t);
            where.setTooltip(t);
            setGraphic(box);
        }
    }
}
