package io.glimpse.app.ui.view;

import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.vm.RunViewModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The streamed answer, its figures (time to first token, tokens/s, token counts, finish reason)
 * and the timing waterfall. Text is pulled from the view model once per frame by an animation
 * timer and appended, so a fast model never floods the UI thread.
 */
public final class AnswerPane extends VBox {
    private static final Map<String, String> STAGE_COLOURS = Map.of("load", "#999999", "decode", "#6aa84f", "preprocess", "#93c47d",
            "encode", "#e69138", "tokenize", "#8e7cc3", "prefill", "#4a90d9", "generation", "#3d85c6");
    private final TextArea answer = new TextArea();
    private final Label figures = new Label();
    private final Pane waterfall = new Pane();

    public AnswerPane(RunViewModel vm) {
        answer.setId("answer");
        answer.setEditable(false);
        answer.setWrapText(true);
        VBox.setVgrow(answer, Priority.ALWAYS);
        vm.answerProperty().addListener((o, before, now) -> {
            if (now.startsWith(before) && now.length() >= before.length()) {
                answer.appendText(now.substring(before.length()));
            } else {
                answer.setText(now);
            }
        });
        AnimationTimer pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.flush();
                if (vm.runningProperty().get()) {
                    figures.setText(String.format(Locale.ROOT, "%s…  %d pieces so far", vm.stageProperty().get(), vm.pieces()));
                }
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
        figures.setId("diagnostics");
        figures.setWrapText(true);
        vm.resultProperty().addListener((o, a, r) -> showResult(r));
        waterfall.setId("waterfall");
        waterfall.setPrefHeight(70);
        waterfall.setMinHeight(70);
        waterfall.widthProperty().addListener(o -> drawWaterfall(vm.stages()));
        vm.stages().addListener((ListChangeListener<StageTime>) c -> drawWaterfall(vm.stages()));
        Label title = new Label("Answer");
        title.getStyleClass().add("title-4");
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, answer, figures, waterfall);
    }

    private void showResult(AnswerResult r) {
        if (r == null) {
            figures.setText("");
            return;
        }
        figures.setText(String.format(Locale.ROOT,
                "time to first token %.0f ms · %.1f tokens/s · prompt %d tokens · generated %d · finish: %s · total %.0f ms",
                r.timeToFirstTokenMs(), r.tokensPerSecond(), r.promptTokens(), r.generatedTokens(),
                r.finishReason().name().toLowerCase(Locale.ROOT), r.totalMs()));
    }

    /** One row per stage, bars placed on a shared time axis. */
    private void drawWaterfall(List<StageTime> stages) {
        waterfall.getChildren().clear();
        if (stages.isEmpty()) {
            return;
        }
        double total = stages.stream().mapToDouble(StageTime::endMs).max().orElse(1);
        double labelW = 80;
        double w = Math.max(50, waterfall.getWidth() - labelW - 60);
        double rowH = Math.max(8, Math.min(14, 70.0 / stages.size()));
        for (int i = 0; i < stages.size(); i++) {
            StageTime s = stages.get(i);
            Label name = new Label(s.name());
            name.setManaged(false);
            name.setStyle("-fx-font-size: 10px");
            name.resizeRelocate(0, i * rowH, labelW, rowH);
            Region bar = new Region();
            bar.setManaged(false);
            double x = labelW + s.startMs() / total * w;
            bar.resizeRelocate(x, i * rowH + 1, Math.max(2, s.durationMs() / total * w), rowH - 2);
            bar.setStyle("-fx-background-color: " + STAGE_COLOURS.getOrDefault(s.name(), "#888"));
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "%s: %.1f ms (from %.1f ms)", s.name(), s.durationMs(), s.startMs())));
            Label ms = new Label(String.format(Locale.ROOT, "%.0f ms", s.durationMs()));
            ms.setManaged(false);
            ms.setStyle("-fx-font-size: 10px");
            ms.resizeRelocate(x + Math.max(2, s.durationMs() / total * w) + 4, i * rowH, 60, rowH);
            waterfall.getChildren().addAll(name, bar, ms);
        }
        waterfall.setPrefHeight(stages.size() * rowH + 4);
    }
}
