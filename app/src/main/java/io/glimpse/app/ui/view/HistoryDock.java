package io.glimpse.app.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * Where the history pane goes: a column at the window's right edge when the window is wide enough
 * for it and the three workbench columns (from {@link #SIDE_BY_SIDE} px), else a card over the
 * left columns (media list, what the model sees), so that the prompt and the answer an opened run
 * fills stay in view and no column is squeezed until its labels are cut (at 1280 px they were).
 * Opening or re-running a run from the card closes it: the workbench under it is what changed.
 */
final class HistoryDock {
    /** Window width from which the pane sits beside the workbench. */
    static final double SIDE_BY_SIDE = 1600;

    private HistoryDock() {
    }

    static void install(BorderPane window, StackPane centre, ToggleButton toggle, HistoryPane pane) {
        Runnable place = () -> {
            boolean on = toggle.isSelected();
            boolean side = window.getWidth() >= SIDE_BY_SIDE;
            centre.getChildren().remove(pane);
            window.setRight(null);
            pane.getStyleClass().remove("history-card");
            if (on && side) {
                window.setRight(pane);
            } else if (on) {
                pane.getStyleClass().add("history-card");
                centre.getChildren().add(pane);
                StackPane.setAlignment(pane, Pos.TOP_LEFT);
                pane.setMaxWidth(pane.getPrefWidth());
            }
            pane.setStyle(on && !side
                    ? "-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;"
                    + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 16, 0, 4, 0);"
                    : "-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-width: 0 0 0 1;");
        };
        toggle.selectedProperty().addListener(o -> place.run());
        window.widthProperty().addListener((o, a, b) -> {
            if (toggle.isSelected() && (a.doubleValue() >= SIDE_BY_SIDE) != (b.doubleValue() >= SIDE_BY_SIDE)) {
                place.run();
            }
        });
        pane.setOnOpened(() -> {
            if (window.getRight() != pane) {
                toggle.setSelected(false);
            }
        });
    }
}
