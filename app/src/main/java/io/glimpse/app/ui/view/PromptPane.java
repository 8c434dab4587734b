package io.glimpse.app.ui.view;

import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.vm.PromptViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** System prompt and prompt editors, presets, and the sampling settings. */
public final class PromptPane extends VBox {
    public PromptPane(PromptViewModel vm) {
        this(vm, null);
    }

    /** With an "Ask each item" button running {@code askEachItem} (null: no button). */
    public PromptPane(PromptViewModel vm, Runnable askEachItem) {
        TextArea system = new TextArea();
        system.setId("system");
        system.setPromptText("System prompt (optional)");
        system.setPrefRowCount(2);
        system.setWrapText(true);
        system.textProperty().bindBidirectional(vm.systemProperty());
        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setPromptText("Ask about the images and videos… (Ctrl+Enter runs)");
        prompt.setPrefRowCount(4);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(vm.promptProperty());

        ComboBox<Settings.Preset> presets = new ComboBox<>(vm.presets());
        presets.setId("presets");
        presets.setPromptText("presets");
        presets.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Settings.Preset p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name);
            }
        });
        presets.setButtonCell(presets.getCellFactory().call(null));
        presets.setOnAction(e -> vm.apply(presets.getValue()));
        Button save = new Button("Save preset…");
        save.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog();
            d.setHeaderText("Name of the preset");
            d.showAndWait().ifPresent(vm::savePreset);
        });
        HBox presetRow = new HBox(6, presets, save);
        if (askEachItem != null) {
            Button each = new Button("Ask each item");
            each.setId("askEachItem");
            each.setTooltip(new javafx.scene.control.Tooltip("Asks this question about every image and video of the list on its own, "
                    + "one run each, recorded together in the history"));
            each.setOnAction(e -> askEachItem.run());
            presetRow.getChildren().add(each);
        }
        presetRow.setAlignment(Pos.CENTER_LEFT);

        // folded by default under a one-line summary: at 1280x800 the answer needs the height more
        TitledPane sampling = new TitledPane(null, new SamplingGrid(vm));
        sampling.setId("samplingPane");
        sampling.textProperty().bind(vm.samplingSummary());
        sampling.setExpanded(false);
        sampling.setAnimated(false);
        sampling.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);

        Label title = new Label("Prompt");
        title.getStyleClass().add("title-4");
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, system, prompt, presetRow, sampling);
    }
}
