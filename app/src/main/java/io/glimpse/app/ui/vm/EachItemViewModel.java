package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The current question over every item of the media list, one run per item in list order, as
 * {@code glimpse batch} does: the model opened once, a failing item recorded with its error and the
 * rest going on, Stop ending after the current item (which is stopped too). Each result is handed
 * to the recorder as it arrives. UI thread, except the runs themselves.
 */
public final class EachItemViewModel {
    /** One item's outcome. */
    public record ItemResult(String item, String answer, String finishReason, int promptTokens, int generatedTokens, double totalMs,
                             String error) {
        public String figures() {
            return error != null ? "error: " + error
                    : String.format(Locale.ROOT, "%s · %d prompt tokens · %d generated · %.0f ms", finishReason, promptTokens,
                    generatedTokens, totalMs);
        }
    }

    /** Opens the engine for a folder on a worker thread (the chat's own, so the model is loaded once). */
    @FunctionalInterface
    public interface Engines {
        AnswerEngine open(Path folder) throws Exception;
    }

    private final TaskRunner runner;
    private final Engines engines;
    private final ObservableList<ItemResult> results = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty progress = new SimpleStringProperty("");
    private volatile CancelToken stop;

    public EachItemViewModel(TaskRunner runner, Engines engines) {
        this.runner = runner;
        this.engines = engines;
    }

    public ObservableList<ItemResult> results() {
        return results;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** "3 of 10: clip.mp4", then "10 of 10 done" or "stopped after 3 of 10". */
    public StringProperty progressProperty() {
        return progress;
    }

    /**
     * Runs {@code requests} (named {@code names}) on {@code folder}'s engine in order; {@code onEach}
     * gets every request with its result on the UI thread (to record it). Ignored while running.
     */
    public void start(Path folder, List<AnswerRequest> requests, List<String> names, BiConsumer<AnswerRequest, AnswerResult> onEach) {
        if (running.get() || requests.isEmpty()) {
            return;
        }
        results.clear();
        running.set(true);
        CancelToken token = new CancelToken();
        stop = token;
        int total = requests.size();
        progress.set("1 of " + total + ": " + names.get(0));
        runner.submit(cancel -> {
            AnswerEngine engine = engines.open(folder);
            int done = 0;
            for (int i = 0; i < total && !token.isCancelled() && !cancel.isCancelled(); i++) {
                AnswerRequest r = requests.get(i);
                String name = names.get(i);
                int index = i;
                runner.onUi(() -> progress.set((index + 1) + " of " + total + ": " + name));
                AnswerResult result;
                try {
                    result = engine.answer(engine.keepsHistory() ? r : r.withHistory(List.of()), AnswerListener.NONE, token);
                } catch (Exception | Error e) { // a bad item is its own result; the batch goes on
                    result = new AnswerResult("", FinishReason.ERROR, 0, 0, 0, 0, List.of(), MessagesViewModel.describe(e));
                }
                AnswerResult got = result;
                runner.onUi(() -> {
                    results.add(new ItemResult(name, got.text(), got.finishReason().name().toLowerCase(Locale.ROOT), got.promptTokens(),
                            got.generatedTokens(), got.totalMs(), got.error()));
                    onEach.accept(r, got);
                });
                done++;
            }
            return done;
        }, done -> {
            running.set(false);
            progress.set(done == total && !token.isCancelled() ? total + " of " + total + " done" : "stopped after " + done + " of " + total);
        }, err -> {
            running.set(false);
            progress.set("failed: " + MessagesViewModel.describe(err));
        });
    }

    /** Stops the current item and skips the rest. */
    public void stop() {
        CancelToken t = stop;
        if (t != null) {
            t.cancel();
        }
    }

    /** The names of the results so far (for tests and the export). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.item()));
        return out;
    }
}
