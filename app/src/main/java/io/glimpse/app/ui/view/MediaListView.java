package io.glimpse.app.ui.view;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.vm.MediaListViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The media list with thumbnails; selecting an item shows it (a video's frame settings too), the ×
 * removes it, ↑/↓ or Alt+Up/Alt+Down move the selected one.
 */
public final class MediaListView extends VBox {
    public MediaListView(MediaListViewModel vm) {
        Label title = new Label("Media");
        title.getStyleClass().add("title-4");
        ListView<MediaItem> list = new ListView<>(vm.items());
        list.setId("mediaList");
        list.setPlaceholder(new Label("Drop images or videos here,\npaste them, or press Ctrl+O"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(MediaItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                ImageView thumb = new ImageView(FxImages.of(item.thumbnail()));
                thumb.setPreserveRatio(true);
                thumb.setFitWidth(48);
                // a long name is cut in the middle (its start and its extension stay), the whole path in the tooltip
                Label name = new Label(item.name());
                name.setStyle("-fx-font-weight: bold");
                name.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                name.setMinWidth(0);
                name.setMaxWidth(Double.MAX_VALUE);
                name.setTooltip(new javafx.scene.control.Tooltip(item.file() + "\n" + item.summary()));
                HBox.setHgrow(name, Priority.ALWAYS);
                Label summary = new Label(item.summary());
                summary.getStyleClass().addAll("text-muted", "text-small"); // secondary: a smaller size keeps "WxH, s, fps" whole in the narrow column
                Button remove = new Button("×");
                remove.getStyleClass().addAll("flat", "small");
                remove.setOnAction(e -> vm.remove(item));
                HBox top = new HBox(2, name, remove);
                top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                VBox text = new VBox(0, top, summary);
                text.setMinWidth(0);
                HBox.setHgrow(text, Priority.ALWAYS);
                HBox row = new HBox(6, thumb, text);
                setPrefWidth(0); // the cell takes the list's width instead of asking for its text's
                setText(null);
                setGraphic(row);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
        Button up = new Button("↑");
        up.setId("moveUp");
        up.setTooltip(new javafx.scene.control.Tooltip("Move the selected item up (Alt+Up)"));
        Button down = new Button("↓");
        down.setId("moveDown");
        down.setTooltip(new javafx.scene.control.Tooltip("Move the selected item down (Alt+Down)"));
        up.setOnAction(e -> move(vm, list, -1));
        down.setOnAction(e -> move(vm, list, 1));
        up.disableProperty().bind(vm.selectedProperty().isNull());
        down.disableProperty().bind(vm.selectedProperty().isNull());
        // a filter: the list's own Up/Down handling would move the selection instead
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && (e.getCode() == javafx.scene.input.KeyCode.UP || e.getCode() == javafx.scene.input.KeyCode.DOWN)) {
                move(vm, list, e.getCode() == javafx.scene.input.KeyCode.UP ? -1 : 1);
                e.consume();
            }
        });
        Label order = new Label();
        order.setId("mediaOrderNote");
        order.setWrapText(true);
        order.getStyleClass().add("text-muted");
        order.textProperty().bind(vm.orderNoteProperty());
        order.visibleProperty().bind(vm.orderNoteProperty().isNotNull());
        order.managedProperty().bind(order.visibleProperty());
        Label orderTitle = new Label("order");
        orderTitle.getStyleClass().add("text-muted");
        HBox moves = new HBox(4, orderTitle, up, down);
        moves.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox.setVgrow(list, Priority.ALWAYS);
        javafx.scene.control.TextArea ocr = new javafx.scene.control.TextArea();
        ocr.setId("ocr");
        ocr.setPromptText("OCR text of the selected image (optional; sent with it)");
        ocr.setPrefRowCount(3);
        ocr.setPrefHeight(76); // a fixed height: the wrapped prompt text otherwise sizes it by the first layout's metrics
        ocr.setMinHeight(76);
        ocr.setWrapText(true);
        ocr.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.selected() == null || vm.selected().isVideo(), vm.selectedProperty()));
        vm.selectedProperty().addListener((o, a, b) -> ocr.setText(b == null ? "" : vm.ocr(b)));
        ocr.textProperty().addListener((o, a, b) -> vm.setOcr(vm.selected(), b));
        // text read in the background lands in the map: show it when it is the selected image's
        vm.ocrTexts().addListener((javafx.collections.MapChangeListener<java.nio.file.Path, String>) c -> {
            MediaItem s = vm.selected();
            if (s != null && s.file().equals(c.getKey()) && !vm.ocr(s).equals(ocr.getText())) {
                ocr.setText(vm.ocr(s));
            }
        });
        Button read = new Button("OCR");
        read.setId("readOcr");
        read.setTooltip(new javafx.scene.control.Tooltip("Read the selected image's text with the built-in OCR (PaddleOCR, on this machine)"));
        read.setOnAction(e -> vm.readOcr(vm.selected()));
        read.disableProperty().bind(ocr.disableProperty());
        Label ocrStatus = new Label();
        ocrStatus.setId("ocrStatus");
        ocrStatus.getStyleClass().add("text-muted");
        ocrStatus.textProperty().bind(vm.ocrStatusProperty());
        javafx.scene.control.CheckBox all = new javafx.scene.control.CheckBox("every image");
        all.setId("autoOcr");
        all.setTooltip(new javafx.scene.control.Tooltip("Read the text of every image added, in the background (each image once: "
                + "results are kept by the file's content); the text stays editable"));
        all.selectedProperty().bindBidirectional(vm.autoOcrProperty());
        ocrStatus.setWrapText(true);
        HBox ocrBar = new HBox(6, read, all);
        ocrBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        ocrStatus.managedProperty().bind(ocrStatus.textProperty().isNotEmpty());
        ocrStatus.visibleProperty().bind(ocrStatus.managedProperty());
        ocrBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, list, moves, order, ocrBar, ocrStatus, ocr);
    }

    private static void move(MediaListViewModel vm, ListView<MediaItem> list, int by) {
        MediaItem item = vm.selected();
        if (item != null && vm.move(item, by)) {
            list.getSelectionModel().select(item); // the list dropped its selection with the moved row
            list.scrollTo(item);
        }
    }
}
