package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.FrameControls;
import io.glimpse.app.ui.vm.FrameStripViewModel;
import io.glimpse.app.ui.vm.StripFrame;
import org.controlsfx.control.SegmentedButton;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The video controls and the strip of exactly the frames that will be sent, with their times. */
public final class FrameStripView extends VBox {
    private final ListView<StripFrame> strip;

    public FrameStripView(FrameStripViewModel vm, FrameControls controls) {
        // The list shows a copy of the plan, brought up to date a pulse after it changes, so the pulse
        // that shows a slider's new total carries no cell layout; a decoded frame replaces one item.
        ObservableList<StripFrame> shown = FXCollections.observableArrayList(vm.frames());
        LaterPulse later = new LaterPulse(() -> sync(vm.frames(), shown));
        vm.frames().addListener((ListChangeListener<StripFrame>) c -> later.request());
        strip = new ListView<>(shown);
        Slider count = new Slider(1, FrameControls.MAX_COUNT, controls.countProperty().get());
        count.setId("countSlider");
        count.setPrefWidth(220);
        count.setBlockIncrement(1);
        count.setMajorTickUnit(1);
        count.setMinorTickCount(0);
        count.setSnapToTicks(true);
        count.valueProperty().addListener((o, a, b) -> controls.countProperty().set((int) Math.round(b.doubleValue())));
        controls.countProperty().addListener((o, a, b) -> count.setValue(b.intValue()));
        // the slider's value is what is asked for; what is sent (after max frames, the range, dedupe
        // and the model's cap) is the "sent" label beside the controls
        Label countLabel = new Label();
        countLabel.setId("countLabel");
        countLabel.textProperty().bind(controls.countProperty().asString("count %d"));
        Label sent = new Label();
        sent.setId("sentLabel");
        sent.setStyle("-fx-font-weight: bold");
        sent.textProperty().bind(vm.sentProperty());
        showOnly(controls.useFpsProperty().not(), count, countLabel);

        ToggleButton byCount = new ToggleButton("count");
        ToggleButton byFps = new ToggleButton("per second");
        byFps.setId("fpsMode");
        SegmentedButton mode = new SegmentedButton(byCount, byFps); // ControlsFX: exactly one of the two is on
        byCount.setSelected(!controls.useFpsProperty().get());
        byFps.setSelected(controls.useFpsProperty().get());
        mode.getToggleGroup().selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // keep one mode chosen
            } else {
                controls.useFpsProperty().set(b == byFps);
            }
        });
        controls.useFpsProperty().addListener((o, a, b) -> (b ? byFps : byCount).setSelected(true));
        Spinner<Double> fps = new Spinner<>(0.01, 60, controls.fpsProperty().get(), 0.25);
        fps.setId("fps");
        fps.setEditable(true);
        fps.setPrefWidth(90);
        fps.valueProperty().addListener((o, a, b) -> controls.fpsProperty().set(b));
        controls.fpsProperty().addListener((o, a, b) -> fps.getValueFactory().setValue(b.doubleValue()));
        Label fpsLabel = new Label("fps");
        fpsLabel.setLabelFor(fps);
        showOnly(controls.useFpsProperty(), fpsLabel, fps); // a rate means nothing in count mode
        Spinner<Integer> max = new Spinner<>(1, 1024, controls.maxFramesProperty().get());
        max.setId("maxFrames");
        max.setEditable(true);
        max.setPrefWidth(90);
        max.valueProperty().addListener((o, a, b) -> controls.maxFramesProperty().set(b));
        controls.maxFramesProperty().addListener((o, a, b) -> max.getValueFactory().setValue(b.intValue()));
        TextField start = field("start", "0", controls.startProperty());
        TextField end = field("end", "end", controls.endProperty());
        CheckBox dedupe = new CheckBox("dedupe");
        dedupe.setId("dedupe");
        dedupe.selectedProperty().bindBidirectional(controls.dedupeProperty());
        ProgressIndicator decoding = new ProgressIndicator();
        decoding.setPrefSize(18, 18);
        decoding.visibleProperty().bind(vm.decodingProperty());

        // label and field in one box each, so a wrapping row never parts them
        FlowPane row = new FlowPane(8, 6, new Label("Frames"), mode, new javafx.scene.layout.HBox(6, count, countLabel), pair(fpsLabel, fps),
                pair(new Label("max frames"), max), sent, pair(new Label("from (s)"), start), pair(new Label("to (s)"), end),
                dedupe, decoding);
        row.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("stripError");
        error.setWrapText(true);
        error.getStyleClass().add("warning-text");
        error.setStyle("-fx-text-fill: -color-warning-fg");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(vm.errorProperty().isNotNull());
        error.visibleProperty().bind(vm.errorProperty().isNotNull());

        // A virtual list: only the visible tiles exist, so a plan of 256 frames costs the UI no more
        // than one of 8, and a decoded frame repaints one cell.
        strip.setId("strip");
        strip.setOrientation(javafx.geometry.Orientation.HORIZONTAL);
        strip.setFixedCellSize(FrameStripViewModel.THUMBNAIL + 8);
        strip.setPrefHeight(118);
        strip.setMinHeight(118);
        strip.setCellFactory(l -> new ListCell<>() {
            private final Tile tile = new Tile();

            @Override
            protected void updateItem(StripFrame f, boolean empty) {
                super.updateItem(f, empty);
                setText(null);
                if (empty || f == null) {
                    setGraphic(null);
                } else {
                    tile.show(f);
                    setGraphic(tile);
                }
            }
        });
        Label title = new Label("Frames that will be sent");
        title.getStyleClass().add("title-4");
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, row, error, strip);
        visibleProperty().bind(vm.videoProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }

    /** Makes {@code shown} equal {@code plan}, touching only the items that differ when the length is the same. */
    static void sync(List<StripFrame> plan, ObservableList<StripFrame> shown) {
        if (plan.size() != shown.size()) {
            shown.setAll(plan);
            return;
        }
        for (int i = 0; i < plan.size(); i++) {
            if (shown.get(i) != plan.get(i)) {
                shown.set(i, plan.get(i));
            }
        }
    }

    private static javafx.scene.layout.HBox pair(Label label, javafx.scene.Node field) {
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(4, label, field);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(field.visibleProperty()); // the fps pair hides with its spinner
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static void showOnly(javafx.beans.value.ObservableBooleanValue when, javafx.scene.Node... nodes) {
        for (var n : nodes) {
            n.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(when::get, when));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(4);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    /**
     * One frame: its picture (a placeholder until decoded), index and time; a dropped duplicate is
     * dimmed and says so. One per visible cell, reused as the list scrolls or the plan changes.
     */
    static final class Tile extends VBox {
        private final ImageView picture = new ImageView();
        private final Label placeholder = new Label("…");
        private final Label label = new Label();

        Tile() {
            picture.setPreserveRatio(true);
            picture.setFitHeight(68);
            StackPane pic = new StackPane(placeholder, picture);
            pic.setPrefSize(FrameStripViewModel.THUMBNAIL, 68);
            pic.setMinSize(FrameStripViewModel.THUMBNAIL, 68);
            pic.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default");
            label.getStyleClass().addAll("text-small", "strip-label");
            setSpacing(2);
            getChildren().addAll(pic, label);
        }

        void show(StripFrame f) {
            picture.setImage(f.thumbnail() == null ? null : FxImages.of(f.thumbnail()));
            placeholder.setText(f.dropped() ? "duplicate of #" + f.duplicateOf() + "\nnot sent" : "…");
            placeholder.setVisible(f.thumbnail() == null);
            setOpacity(f.dropped() ? 0.6 : 1.0);
            label.setText(f.label());
            getStyleClass().setAll(f.decoded() ? "strip-frame-decoded" : "strip-frame");
            setUserData(f);
        }
    }
}
