package io.glimpse.app.ui.view;

import io.glimpse.app.plan.PromptText;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "The prompt as the model sees it": a non-modal window with the exact rendered prompt (placeholder
 * runs collapsed as {@code <|dummy3|> ×81} unless unticked), its token count, and Copy. Refresh
 * re-reads it after the request changed. UI thread only.
 */
final class PromptSeenWindow {
    private PromptSeenWindow() {
    }

    static void show(Window owner, Supplier<PromptText> prompt) {
        TextArea text = new TextArea();
        text.setId("promptSeenText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setStyle("-fx-font-family: monospace");
        VBox.setVgrow(text, Priority.ALWAYS);
        Label count = new Label();
        count.setId("promptSeenCount");
        CheckBox collapse = new CheckBox("collapse placeholder runs");
        collapse.setSelected(true);
        PromptText[] shown = new PromptText[1];
        Runnable refresh = () -> {
            shown[0] = prompt.get();
            if (shown[0] == null) {
                count.setText("nothing planned yet");
                text.setText("");
                return;
            }
            count.setText(shown[0].tokens() + " tokens" + (shown[0].exact() ? " (the model's tokenizer)" : " (estimated: no tokenizer in the folder)"));
            text.setText(collapse.isSelected() ? shown[0].collapsed() : shown[0].text());
        };
        collapse.setOnAction(e -> refresh.run());
        Button again = new Button("Refresh");
        again.setOnAction(e -> refresh.run());
        Button copy = new Button("Copy");
        copy.setOnAction(e -> Clipboards.copy(shown[0] == null ? "" : shown[0].text())); // the exact text, never the collapsed view
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, count, grow, collapse, again, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox root = new VBox(8, bar, text);
        root.setPadding(new Insets(10));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("The prompt as the model sees it");
        stage.setScene(new Scene(root, 760, 560));
        refresh.run();
        stage.show();
    }
}
