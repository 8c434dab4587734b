package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.MessagesViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Non-modal messages, newest first, each with a dismiss button; nothing blocks the window. */
public final class MessagesView extends VBox {
    public MessagesView(MessagesViewModel vm) {
        setId("messages");
        setSpacing(2);
        setPadding(new Insets(0, 8, 4, 8));
        vm.messages().addListener((ListChangeListener<MessagesViewModel.Message>) c -> rebuild(vm));
        rebuild(vm);
    }

    private void rebuild(MessagesViewModel vm) {
        getChildren().clear();
        for (MessagesViewModel.Message m : vm.messages().subList(0, Math.min(4, vm.messages().size()))) {
            Label text = new Label(m.text());
            text.setWrapText(true);
            text.getStyleClass().add("message-text");
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            Button close = new Button("×");
            close.getStyleClass().addAll("flat", "small");
            close.setOnAction(e -> vm.dismiss(m));
            HBox row = new HBox(6, new Label(switch (m.level()) {
                case ERROR -> "✖";
                case WARNING -> "⚠";
                case INFO -> "ℹ";
            }), text, close);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setPadding(new Insets(3, 6, 3, 6));
            row.setStyle(switch (m.level()) {
                case ERROR -> "-fx-background-color: -color-danger-subtle";
                case WARNING -> "-fx-background-color: -color-warning-subtle";
                case INFO -> "-fx-background-color: -color-accent-subtle";
            });
            row.getStyleClass().add("message-" + m.level().name().toLowerCase(java.util.Locale.ROOT));
            getChildren().add(row);
        }
    }
}
