package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.CompareViewModel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Compare / sweep": a non-modal window that runs variants of the current request (or budget
 * points) and shows the results in columns, the cells of a row that differs highlighted; a sweep
 * also charts visual tokens against TTFT and total time. Clicking a column head or a chart point
 * shows that run's whole answer. UI thread only.
 */
public final class CompareWindow {
    static final String DIFFERS = "-fx-background-color: rgba(255, 196, 0, 0.28); -fx-font-weight: bold";

    private CompareWindow() {
    }

    public static Stage show(Window owner, CompareViewModel vm) {
        ToggleGroup modes = new ToggleGroup();
        ToggleButton compare = new ToggleButton("Compare variants");
        compare.setId("compareMode");
        ToggleButton sweep = new ToggleButton("Budget sweep");
        sweep.setId("sweepMode");
        compare.setToggleGroup(modes);
        sweep.setToggleGroup(modes);
        (vm.modeProperty().get() == CompareViewModel.Mode.SWEEP ? sweep : compare).setSelected(true);
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one mode is always chosen
            } else {
                vm.modeProperty().set(b == sweep ? CompareViewModel.Mode.SWEEP : CompareViewModel.Mode.COMPARE);
            }
        });
        HBox variants = new HBox(6);
        for (int i = 0; i < vm.variants().size(); i++) {
            TextField f = new TextField();
            f.setId("variant" + i);
            f.setPromptText(i == 0 ? "count=8" : "grids=2; ocr=off");
            f.textProperty().bindBidirectional(vm.variants().get(i));
            HBox.setHgrow(f, Priority.ALWAYS);
            variants.getChildren().add(f);
        }
        TextField budgets = new TextField();
        budgets.setId("budgets");
        budgets.textProperty().bindBidirectional(vm.budgetsProperty());
        HBox.setHgrow(budgets, Priority.ALWAYS);
        HBox budgetRow = new HBox(6, new Label("visual-token budgets:"), budgets);
        budgetRow.setAlignment(Pos.CENTER_LEFT);
        Label help = new Label("A variant is key=value pairs separated by ';': count, fps, max-frames, grids, budget, ocr=on|off, "
                + "prompt, system, temperature, top-k, top-p, seed, greedy, max-tokens, model, name");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        variants.visibleProperty().bind(compare.selectedProperty());
        variants.managedProperty().bind(variants.visibleProperty());
        help.visibleProperty().bind(compare.selectedProperty());
        help.managedProperty().bind(help.visibleProperty());
        budgetRow.visibleProperty().bind(sweep.selectedProperty());
        budgetRow.managedProperty().bind(budgetRow.visibleProperty());
        Button run = new Button("Run");
        run.setId("compareRun");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel");
        cancel.setId("compareCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label status = new Label();
        status.setId("compareStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(8, compare, sweep, run, cancel, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setId("compareGrid");
        grid.setHgap(1);
        grid.setVgap(1);
        ScrollPane table = new ScrollPane(grid);
        table.setFitToWidth(true);
        table.setMinHeight(140);
        Runnable fill = () -> fill(grid, vm);
        vm.rows().addListener((ListChangeListener<CompareViewModel.Row>) c -> fill.run());
        vm.selectedProperty().addListener((o, a, b) -> fill.run());

        LineChart<Number, Number> chart = chart(vm);
        chart.visibleProperty().bind(Bindings.isNotEmpty(vm.chart()));
        chart.managedProperty().bind(chart.visibleProperty());

        TextArea answer = new TextArea();
        answer.setId("compareAnswer");
        answer.setEditable(false);
        answer.setWrapText(true);
        answer.setPrefRowCount(5);
        answer.textProperty().bind(vm.answerProperty());
        Label answerOf = new Label();
        answerOf.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() < 0 ? "answer"
                : "answer of " + vm.columns().get(vm.selectedProperty().get()), vm.selectedProperty(), vm.columns()));

        VBox.setVgrow(table, Priority.ALWAYS);
        VBox root = new VBox(8, bar, variants, help, budgetRow, table, chart, answerOf, answer);
        root.setPadding(new Insets(10));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare / sweep");
        stage.setScene(new Scene(root, 980, 720));
        stage.setOnHidden(e -> vm.cancel());
        fill.run();
        stage.show();
        return stage;
    }

    /** The results: a row per field, a column per run; a column head selects its run. */
    private static void fill(GridPane grid, CompareViewModel vm) {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        if (vm.rows().isEmpty()) {
            grid.add(new Label("Choose variants or budgets and press Run: each runs in turn on the same media."), 0, 0);
            return;
        }
        ColumnConstraints field = new ColumnConstraints();
        field.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(field);
        for (int c = 0; c < vm.columns().size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.ALWAYS);
            cc.setPercentWidth(-1);
            cc.setMinWidth(120);
            grid.getColumnConstraints().add(cc);
            Button head = new Button(vm.columns().get(c));
            head.setId("compareHead" + c);
            head.setMaxWidth(Double.MAX_VALUE);
            head.setStyle(c == vm.selectedProperty().get() ? "-fx-font-weight: bold" : "");
            int run = c;
            head.setOnAction(e -> vm.select(run));
            grid.add(head, c + 1, 0);
        }
        int r = 1;
        for (CompareViewModel.Row row : vm.rows()) {
            Label name = new Label(row.field());
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, r);
            for (int c = 0; c < row.cells().size(); c++) {
                Label cell = new Label(row.field().equals("answer") ? firstLines(row.cells().get(c)) : row.cells().get(c));
                cell.setId("cell-" + row.field().replace(' ', '-') + "-" + c);
                cell.setWrapText(true);
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setMinHeight(Region.USE_PREF_SIZE);
                cell.setPadding(new Insets(2, 4, 2, 4));
                if (row.differs()) {
                    cell.setStyle(DIFFERS);
                    cell.getStyleClass().add("differs");
                }
                grid.add(cell, c + 1, r);
            }
            r++;
        }
    }

    /** The answer's start in the table (the whole one is a click away, below). */
    static String firstLines(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 159) + "…" : flat;
    }

    private static LineChart<Number, Number> chart(CompareViewModel vm) {
        NumberAxis x = new NumberAxis();
        x.setLabel("visual tokens");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("sweepChart");
        chart.setAnimated(false);
        chart.setPrefHeight(260);
        chart.setMinHeight(200);
        XYChart.Series<Number, Number> ttft = new XYChart.Series<>();
        ttft.setName("time to first token");
        XYChart.Series<Number, Number> total = new XYChart.Series<>();
        total.setName("total time");
        chart.getData().add(ttft);
        chart.getData().add(total);
        vm.chart().addListener((ListChangeListener<CompareViewModel.ChartPoint>) c -> {
            ttft.getData().clear();
            total.getData().clear();
            for (CompareViewModel.ChartPoint p : vm.chart()) {
                if (p.ttftMs() != null) {
                    ttft.getData().add(point(vm, p, p.ttftMs()));
                }
                total.getData().add(point(vm, p, p.totalMs()));
            }
        });
        return chart;
    }

    /** A chart point whose symbol, once drawn, selects its run when clicked. */
    private static XYChart.Data<Number, Number> point(CompareViewModel vm, CompareViewModel.ChartPoint p, double ms) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(p.visualTokens(), ms);
        d.nodeProperty().addListener((o, a, node) -> attach(node, vm, p.run()));
        return d;
    }

    private static void attach(Node node, CompareViewModel vm, int run) {
        if (node != null) {
            node.setOnMouseClicked(e -> vm.select(run));
            node.setStyle("-fx-cursor: hand");
            node.getProperties().put("run", run);
        }
    }
}
