package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.EachItemViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "ask each item" results: progress, Stop, and one row per item (name, figures, answer). UI thread only. */
final class EachItemWindow {
    private static Stage open;

    private EachItemWindow() {
    }

    static void show(Window owner, EachItemViewModel vm) {
        if (open != null) { // one results window: bring it back rather than stacking copies
            open.toFront();
            return;
        }
        Label progress = new Label();
        progress.setId("eachItemProgress");
        progress.textProperty().bind(vm.progressProperty());
        Button stop = new Button("Stop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, progress, grow, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        ListView<EachItemViewModel.ItemResult> list = new ListView<>(vm.results());
        list.setId("eachItemResults");
        list.setPlaceholder(new Label("the answers appear here, one per item"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(EachItemViewModel.ItemResult r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(r.item());
                name.setStyle("-fx-font-weight: bold");
                Label figures = new Label(r.figures());
                figures.getStyleClass().addAll("text-muted", "text-small");
                figures.setWrapText(true);
                Label answer = new Label(r.answer());
                answer.setWrapText(true);
                VBox box = new VBox(2, name, figures, answer);
                box.setMinWidth(0);
                setPrefWidth(0); // rows wrap to the list's width
                setGraphic(box);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox root = new VBox(8, bar, list);
        root.setPadding(new Insets(10));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Each item: the same question");
        stage.setScene(new Scene(root, 640, 520));
        stage.setOnHidden(e -> open = null);
        open = stage;
        stage.show();
    }
}
