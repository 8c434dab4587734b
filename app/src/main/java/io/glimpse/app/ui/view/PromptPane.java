package io.glimpse.app.ui.view;

import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.vm.PromptViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** System prompt and prompt editors, presets, and the sampling settings. */
public final class PromptPane extends VBox {
    public PromptPane(PromptViewModel vm) {
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
        presetRow.setAlignment(Pos.CENTER_LEFT);

        CheckBox greedy = new CheckBox("greedy");
        greedy.setId("greedy");
        greedy.selectedProperty().bindBidirectional(vm.greedyProperty());
        Spinner<Double> temperature = new Spinner<>(0.0, 2.0, vm.temperatureProperty().get(), 0.1);
        temperature.setPrefWidth(80);
        temperature.valueProperty().addListener((o, a, b) -> vm.temperatureProperty().set(b));
        Spinner<Integer> topK = new Spinner<>(0, 1000, vm.topKProperty().get());
        topK.setPrefWidth(80);
        topK.valueProperty().addListener((o, a, b) -> vm.topKProperty().set(b));
        Spinner<Double> topP = new Spinner<>(0.01, 1.0, vm.topPProperty().get(), 0.05);
        topP.setPrefWidth(80);
        topP.valueProperty().addListener((o, a, b) -> vm.topPProperty().set(b));
        for (var s : new Spinner<?>[] {temperature, topK, topP}) {
            s.disableProperty().bind(vm.greedyProperty());
        }
        Spinner<Integer> maxTokens = new Spinner<>(1, 32768, vm.maxTokensProperty().get(), 16);
        maxTokens.setId("maxTokens");
        maxTokens.setEditable(true);
        maxTokens.setPrefWidth(90);
        maxTokens.valueProperty().addListener((o, a, b) -> vm.maxTokensProperty().set(b));
        vm.maxTokensProperty().addListener((o, a, b) -> maxTokens.getValueFactory().setValue(b.intValue()));
        vm.temperatureProperty().addListener((o, a, b) -> temperature.getValueFactory().setValue(b.doubleValue()));
        vm.topKProperty().addListener((o, a, b) -> topK.getValueFactory().setValue(b.intValue()));
        vm.topPProperty().addListener((o, a, b) -> topP.getValueFactory().setValue(b.doubleValue()));
        FlowPane sampling = new FlowPane(6, 4, greedy, new Label("temperature"), temperature, new Label("top-k"), topK,
                new Label("top-p"), topP, new Label("max tokens"), maxTokens);
        sampling.setAlignment(Pos.CENTER_LEFT);

        Label title = new Label("Prompt");
        title.getStyleClass().add("title-4");
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, system, prompt, presetRow, sampling);
    }
}
