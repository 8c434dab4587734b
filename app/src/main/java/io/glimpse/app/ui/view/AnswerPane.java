package io.glimpse.app.ui.view;

import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.vm.RunViewModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The chat: the conversation as bubbles (questions right, answers left, Markdown rendered, each
 * with its figures and actions), "New chat", and the last run's timing waterfall with each stage's
 * name and milliseconds. Text and progress are pulled from the view model once per frame by an
 * animation timer, so a fast model never floods the UI thread and the streaming bubble is
 * re-rendered at most once per frame.
 */
public final class AnswerPane extends VBox {
    private static final Map<String, String> STAGE_COLOURS = Map.of("load", "#999999", "decode", "#6aa84f", "preprocess", "#93c47d",
            "encode", "#e69138", "tokenize", "#8e7cc3", "prefill", "#4a90d9", "generation", "#3d85c6");
    private static final Font LABEL_FONT = Font.font(10);
    private final Pane waterfall = new Pane();

    public AnswerPane(RunViewModel vm) {
        ChatView chat = new ChatView(vm);
        VBox.setVgrow(chat, Priority.ALWAYS);
        AnimationTimer pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.flush();
            }
        };
        vm.runningProperty().addListener((o, a, running) -> {
            if (running) {
                pump.start();
            } else {
                pump.stop();
                vm.flush();
            }
        });
        waterfall.setId("waterfall");
        waterfall.setPrefHeight(70);
        waterfall.setMinHeight(70);
        waterfall.widthProperty().addListener(o -> drawWaterfall(vm.stages()));
        vm.stages().addListener((ListChangeListener<StageTime>) c -> drawWaterfall(vm.stages()));
        Label title = new Label("Answer");
        title.getStyleClass().add("title-4");
        Button newChat = new Button("New chat");
        newChat.setId("newChatButton");
        newChat.setTooltip(new Tooltip("Forget the conversation: the next Run asks without the earlier questions and answers"));
        newChat.disableProperty().bind(vm.runningProperty().or(Bindings.isEmpty(vm.conversation().exchanges())));
        newChat.setOnAction(e -> vm.newChat());
        Label turns = new Label();
        turns.setId("turns");
        turns.getStyleClass().add("text-muted");
        // what the next question sends: a cancelled answer shows but is not counted unless kept
        turns.textProperty().bind(Bindings.createStringBinding(() -> vm.conversation().turns().isEmpty() ? ""
                : "history: " + vm.conversation().turns().size() / 2 + (vm.conversation().turns().size() == 2 ? " exchange" : " exchanges"),
                vm.conversation().turns()));
        title.setMinWidth(Region.USE_PREF_SIZE);
        newChat.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(8, title, turns, grow, newChat);
        head.setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        setPadding(new Insets(8));
        setMinWidth(0);
        getChildren().addAll(head, chat, waterfall);
    }

    /** One row per stage on a shared time axis; the stage's name and milliseconds written on its bar (beside it when short). */
    private void drawWaterfall(List<StageTime> stages) {
        waterfall.getChildren().clear();
        if (stages.isEmpty()) {
            return;
        }
        double total = Math.max(1e-3, stages.stream().mapToDouble(StageTime::endMs).max().orElse(1));
        double w = Math.max(50, waterfall.getWidth() - 2);
        double rowH = 16;
        for (int i = 0; i < stages.size(); i++) {
            StageTime s = stages.get(i);
            double x = Math.floor(s.startMs() / total * w);
            double bw = Math.max(2, Math.round(s.durationMs() / total * w));
            Region bar = new Region();
            bar.setManaged(false);
            bar.resizeRelocate(x, i * rowH + 1, bw, rowH - 2);
            bar.setStyle("-fx-background-color: " + STAGE_COLOURS.getOrDefault(s.name(), "#888"));
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "%s: %.1f ms (from %.1f ms)", s.name(), s.durationMs(), s.startMs())));
            Text text = new Text(String.format(Locale.ROOT, "%s %s ms", s.name(), ms(s.durationMs())));
            text.setFont(LABEL_FONT);
            text.setTextOrigin(VPos.CENTER);
            text.getStyleClass().add("waterfall-label");
            text.setManaged(false);
            double tw = Math.ceil(text.getLayoutBounds().getWidth());
            boolean inside = tw + 8 <= bw;
            // inside a long bar in white; else after the bar, or before it when the row's end is too near
            double tx = inside ? x + 4 : (x + bw + 4 + tw <= w ? x + bw + 4 : Math.max(0, x - tw - 4));
            text.setStyle(inside ? "-fx-fill: white" : "-fx-fill: -color-fg-default");
            text.relocate(tx, i * rowH + (rowH - text.getLayoutBounds().getHeight()) / 2);
            waterfall.getChildren().addAll(bar, text);
        }
        waterfall.setPrefHeight(stages.size() * rowH + 4);
        waterfall.setMinHeight(stages.size() * rowH + 4);
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }
}
