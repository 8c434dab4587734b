package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.LedgerText;
import io.glimpse.app.ui.vm.LedgerViewModel;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The token ledger as one stacked bar against the context length: a segment per part (hover for
 * its detail), the total, red when over; plus the budget field and "fit to budget".
 */
public final class LedgerBar extends VBox {
    private static final Map<SegmentKind, String> COLOURS = new EnumMap<>(Map.of(
            SegmentKind.SYSTEM, "#8e7cc3", SegmentKind.HISTORY, "#a4a4a4", SegmentKind.TEXT, "#4a90d9",
            SegmentKind.IMAGE, "#e69138", SegmentKind.VIDEO, "#6aa84f", SegmentKind.AUX, "#c27ba0",
            SegmentKind.GENERATION_PROMPT, "#76a5af", SegmentKind.OUTPUT_RESERVE, "#d9d9d9", SegmentKind.TOOL_LIST, "#999999"));
    private final Pane bar = new Pane();
    private final Label total = new Label();
    private final FlowPane legend = new FlowPane(12, 2);
    private final LaterPulse later;
    private TokenLedger shown;

    public LedgerBar(LedgerViewModel vm) {
        bar.setId("ledgerBar");
        bar.setPrefHeight(22);
        bar.setMinHeight(22);
        bar.setStyle("-fx-border-color: -color-border-default; -fx-background-color: -color-bg-subtle");
        later = new LaterPulse(() -> drawParts(vm.ledger()));
        bar.widthProperty().addListener(o -> drawParts(vm.ledger()));
        legend.setId("ledgerLegend");
        // One tooltip for the whole bar, its text set to the segment under the pointer: a Tooltip is a
        // popup window, far too dear to make per segment on every slider move.
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(bar, tip);
        bar.setOnMouseMoved(e -> {
            for (var n : bar.getChildren()) {
                if (n.getUserData() instanceof LedgerSegment s && n.getBoundsInParent().contains(e.getX(), e.getY())) {
                    tip.setText(LedgerText.describe(s));
                    return;
                }
            }
        });
        total.setId("ledgerTotal");
        vm.ledgerProperty().addListener((o, a, b) -> draw(b));

        TextField budget = new TextField();
        budget.setId("budget");
        budget.setPromptText("tokens");
        budget.setPrefColumnCount(6);
        budget.textProperty().bindBidirectional(vm.budgetProperty());
        Button fit = new Button("Fit to budget");
        fit.setId("fitButton");
        fit.setOnAction(e -> vm.fitToBudget());
        budget.setOnAction(e -> vm.fitToBudget());
        Spinner<Integer> grids = new Spinner<>(1, 64, vm.maxGridsProperty().get());
        grids.setId("maxGrids");
        grids.setPrefWidth(80);
        grids.valueProperty().addListener((o, a, b) -> vm.maxGridsProperty().set(b));
        vm.maxGridsProperty().addListener((o, a, b) -> grids.getValueFactory().setValue(b.intValue()));
        // the answer's length, the same setting as the sampling panel's: the generator stops there,
        // so that is what the ledger keeps free
        Spinner<Integer> answer = new Spinner<>(1, 32768, vm.maxNewTokensProperty().get(), 16);
        answer.setId("ledgerMaxNewTokens");
        answer.setEditable(true);
        answer.setPrefWidth(100);
        answer.valueProperty().addListener((o, a, b) -> vm.maxNewTokensProperty().set(b));
        vm.maxNewTokensProperty().addListener((o, a, b) -> answer.getValueFactory().setValue(b.intValue()));
        Label answerLabel = new Label("max new tokens");
        Tooltip answerTip = new Tooltip(LedgerText.ANSWER_TIP);
        answerTip.setWrapText(true);
        answerTip.setMaxWidth(380);
        answerLabel.setTooltip(answerTip);
        answer.setTooltip(answerTip);
        Label budgetLabel = new Label("visual budget");
        budgetLabel.setId("budgetLabel");
        Tooltip budgetTip = new Tooltip(LedgerText.BUDGET_TIP);
        budgetTip.setWrapText(true);
        budgetTip.setMaxWidth(380);
        budgetLabel.setTooltip(budgetTip);
        budget.setTooltip(budgetTip);
        fit.setTooltip(budgetTip);
        Label title = new Label("Token ledger");
        title.getStyleClass().add("title-4");
        Button seen = new Button("Prompt as the model sees it…");
        seen.setId("showPrompt");
        seen.getStyleClass().addAll("flat", "small");
        seen.setOnAction(e -> PromptSeenWindow.show(getScene().getWindow(), vm::prompt));
        HBox head = new HBox(10, title, total, seen);
        head.setAlignment(Pos.BASELINE_LEFT);
        // each label with its field in one box, so a wrapping row never parts them
        FlowPane controls = new FlowPane(8, 6, pair(new Label("grids ≤"), grids), pair(answerLabel, answer),
                pair(budgetLabel, budget, fit));
        controls.setAlignment(Pos.CENTER_LEFT);
        Label explanation = new Label();
        explanation.setId("budgetExplanation");
        explanation.setWrapText(true);
        vm.explanation().addListener((javafx.collections.ListChangeListener<String>) c ->
                explanation.setText(String.join("\n", vm.explanation())));
        Label error = new Label();
        error.setId("ledgerError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(vm.errorProperty().isNotNull());
        Label warnings = new Label();
        warnings.setId("ledgerWarnings");
        warnings.setWrapText(true);
        warnings.setStyle("-fx-text-fill: -color-warning-fg");
        vm.ledgerProperty().addListener((o, a, b) -> warnings.setText(b == null ? "" : String.join("\n", b.warnings())));
        setSpacing(4);
        setPadding(new Insets(8));
        getChildren().addAll(head, bar, legend, controls, error, warnings, explanation);
        draw(vm.ledger());
    }

    /** The total at once (the pulse that shows it stays light); segments and legend a pulse later. */
    private void draw(TokenLedger ledger) {
        if (ledger == null) {
            total.setText("—");
        } else {
            total.setText(String.format(Locale.ROOT, "%d / %d%s", ledger.totalTokens(), ledger.contextLength(),
                    ledger.fits() ? "" : "  over by " + ledger.overBy()));
            total.setStyle(ledger.fits() ? "-fx-font-weight: bold" : "-fx-font-weight: bold; -fx-text-fill: -color-danger-fg");
        }
        later.request();
    }

    private void drawParts(TokenLedger ledger) {
        bar.getChildren().clear();
        if (ledger != shown) {
            shown = ledger;
            drawLegend(ledger);
        }
        if (ledger == null) {
            return;
        }
        bar.setStyle(ledger.fits() ? "-fx-border-color: -color-border-default; -fx-background-color: -color-bg-subtle"
                : "-fx-border-color: -color-danger-emphasis; -fx-border-width: 2; -fx-background-color: -color-danger-subtle");
        double width = Math.max(1, bar.getWidth());
        double scale = width / Math.max(ledger.contextLength(), ledger.totalTokens());
        double x = 0;
        for (LedgerSegment s : ledger.segments()) {
            Region r = new Region();
            r.setManaged(false); // placed by hand; the Pane would size it to its preferred 0
            double w = s.tokens() * scale;
            r.resizeRelocate(x, 0, Math.max(w, s.tokens() > 0 ? 1 : 0), 20);
            r.setStyle("-fx-background-color: " + COLOURS.getOrDefault(s.kind(), "#888")
                    + "; -fx-border-color: -color-bg-default; -fx-border-width: 0 1 0 0");
            r.getStyleClass().add("ledger-segment");
            r.setUserData(s);
            bar.getChildren().add(r);
            x += w;
        }
        if (!ledger.fits()) {
            Region limit = new Region();
            limit.setManaged(false);
            limit.resizeRelocate(ledger.contextLength() * scale - 1, 0, width - ledger.contextLength() * scale + 1, 20);
            limit.setStyle("-fx-background-color: rgba(204,51,51,0.55); -fx-border-color: black; -fx-border-width: 0 0 0 2");
            limit.setMouseTransparent(true);
            bar.getChildren().add(limit); // the part past the context length, in red
        }
    }

    /** A swatch, the part's name and its tokens for every segment, so the breakdown needs no hovering. */
    private void drawLegend(TokenLedger ledger) {
        legend.getChildren().clear();
        if (ledger == null) {
            return;
        }
        for (LedgerSegment s : ledger.segments()) {
            Region swatch = new Region();
            swatch.setMinSize(10, 10);
            swatch.setMaxSize(10, 10);
            swatch.setStyle("-fx-background-color: " + COLOURS.getOrDefault(s.kind(), "#888") + "; -fx-border-color: -color-border-default");
            Label l = new Label(LedgerText.part(s) + " " + (s.estimated() ? "≈" : "") + s.tokens());
            l.getStyleClass().add("ledger-legend-item");
            l.setStyle("-fx-font-size: 11px");
            HBox item = new HBox(4, swatch, l);
            item.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(item);
        }
        if (!ledger.fits()) {
            Label over = new Label("over the context by " + ledger.overBy());
            over.setId("ledgerOver");
            over.setStyle("-fx-font-size: 11px; -fx-font-weight: bold; -fx-text-fill: -color-danger-fg");
            legend.getChildren().add(over);
        }
    }

    private static HBox pair(javafx.scene.Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
