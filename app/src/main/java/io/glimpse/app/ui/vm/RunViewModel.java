package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.EngineFactory;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Run and Stop, Regenerate and Edit: opens the engine of the chosen model folder (once, in the
 * background), streams the answer into the conversation's last exchange and fills in the
 * diagnostics. Text arrives on the engine's thread and is only collected there; {@link #flush()}
 * (called once per frame by the view, and at the end) moves it into the exchange, so the UI thread
 * sees at most one update per frame however fast tokens come. UI thread only, except for the
 * internal text buffer and the live counters.
 */
public final class RunViewModel implements AutoCloseable {
    private final TaskRunner runner;
    private final MessagesViewModel messages;
    private final EngineSession engines;
    private final ObjectProperty<Path> modelFolder = new SimpleObjectProperty<>();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper live = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final Conversation conversation = new Conversation();
    private final StringProperty stage = new SimpleStringProperty("");
    private final StringProperty engineName = new SimpleStringProperty("");
    private final ObjectProperty<AnswerResult> result = new SimpleObjectProperty<>();
    private final ObservableList<StageTime> stages = FXCollections.observableArrayList();
    private final StringBuilder pending = new StringBuilder(); // guarded by itself
    private volatile int pieces;
    private volatile long firstPieceNanos;
    private volatile String liveStage; // written by the engine's thread, shown once per frame by flush()
    private volatile double liveFraction = -1;
    private Consumer<String> editor = q -> { };
    private Exchange current;
    private Path singleTurnNoted;
    private CancelToken stop;

    private java.util.function.BiConsumer<AnswerRequest, AnswerResult> finished = (request, result) -> { };

    public RunViewModel(TaskRunner runner, MessagesViewModel messages, EngineFactory factory) {
        this.runner = runner;
        this.messages = messages;
        this.engines = new EngineSession(factory);
    }

    public ObjectProperty<Path> modelFolderProperty() {
        return modelFolder;
    }

    /** No weights chosen: the window plans but cannot run. */
    public boolean profileOnly() {
        return modelFolder.get() == null;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The latest run's answer so far. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** What the chat shows, and the history the next Run sends. */
    public Conversation conversation() {
        return conversation;
    }

    /** Where Edit puts the last question back (the prompt box). */
    public void onEdit(Consumer<String> promptBox) {
        editor = promptBox;
    }

    /** The current stage's progress, 0..1, or -1 when not known (loading the model). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The running answer's stage ("" when none runs: the finish reason is in the message's figures). */
    public StringProperty stageProperty() {
        return stage;
    }

    public StringProperty engineNameProperty() {
        return engineName;
    }

    /** The last finished run's diagnostics, or null. */
    public ObjectProperty<AnswerResult> resultProperty() {
        return result;
    }

    public ObservableList<StageTime> stages() {
        return stages;
    }

    /** Pieces of text received so far in this run (for the live counter). */
    public int pieces() {
        return pieces;
    }

    /** Tokens per second of the running answer at {@code nowNanos} ({@link System#nanoTime()}), NaN until two pieces came. */
    public double liveTokensPerSecond(long nowNanos) {
        return MessageStats.rate(pieces, firstPieceNanos, nowNanos);
    }

    /** The streaming answer's figures (stage, tokens, tokens/s), refreshed by {@link #flush()}; "" when none runs. */
    public ReadOnlyStringProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /**
     * Calls {@code listener} on the UI thread after each run that ran (finished, stopped or failed)
     * with the request as it was sent (without history for a model that keeps none) and its result.
     */
    public void onFinished(java.util.function.BiConsumer<AnswerRequest, AnswerResult> listener) {
        finished = listener;
    }

    /** The chosen folder's engine, opened once and shared with the chat (worker threads only). */
    public io.glimpse.app.ui.engine.AnswerEngine engine(Path folder) throws Exception {
        return engines.open(folder);
    }

    /** Starts answering; refused with a message in profile-only mode or while a run is going. */
    public void run(AnswerRequest request) {
        if (running.get()) {
            return;
        }
        Path folder = modelFolder.get();
        if (folder == null) {
            messages.warn("profile-only mode: choose a model folder to run; the ledger shows what the request would cost");
            return;
        }
        synchronized (pending) {
            pending.setLength(0);
        }
        pieces = 0;
        answer.set("");
        result.set(null);
        stages.clear();
        running.set(true);
        stage.set("load");
        progress.set(-1);
        liveStage = null;
        live.set(MessageStats.live("load", 0, Double.NaN));
        Exchange exchange = conversation.start(request);
        current = exchange;
        CancelToken token = new CancelToken();
        stop = token;
        AnswerListener listener = new AnswerListener() {
            @Override
            public void onStage(String s) {
                onProgress(s, 0);
            }

            @Override
            public void onProgress(String s, double fraction) {
                liveFraction = fraction;
                liveStage = s;
            }

            @Override
            public void onText(String piece) {
                synchronized (pending) {
                    pending.append(piece);
                }
                if (pieces == 0) {
                    firstPieceNanos = System.nanoTime();
                }
                pieces++;
            }
        };
        runner.submit(cancel -> {
            long t0 = System.nanoTime();
            AnswerEngine e = engines.open(folder);
            double loadMs = (System.nanoTime() - t0) / 1e6;
            boolean keeps = e.keepsHistory();
            AnswerResult r = e.answer(keeps ? request : request.withHistory(List.of()), listener, token);
            return new Outcome(EngineSession.withLoad(r, loadMs), e.describe(), keeps);
        }, r -> {
            flush();
            current = null;
            noteSingleTurn(r, folder);
            exchange.finish(r.result, r.keepsHistory);
            result.set(r.result);
            stages.setAll(r.result.stages());
            engineName.set(r.engine);
            stage.set("");
            live.set("");
            running.set(false);
            if (r.result.error() != null) {
                messages.error("generation failed: " + r.result.error());
            }
            finished.accept(r.keepsHistory ? request : request.withHistory(List.of()), r.result);
        }, err -> {
            flush();
            String partial = answer.get();
            current = null;
            exchange.fail(MessagesViewModel.describe(err));
            finished.accept(request, new AnswerResult(partial == null ? "" : partial, io.glimpse.inference.generate.FinishReason.ERROR,
                    0, 0, 0, 0, List.of(), MessagesViewModel.describe(err)));
            stage.set("");
            live.set("");
            running.set(false);
            messages.error(MessagesViewModel.describe(err));
        });
    }

    private void noteSingleTurn(Outcome r, Path folder) {
        if (!r.keepsHistory && !folder.equals(singleTurnNoted)) {
            singleTurnNoted = folder;
            messages.warn(r.engine + " has no chat template: each question is answered on its own (no follow-ups)");
        }
    }

    /** Asks the last question again, replacing its answer (a cancelled one too: that is Retry). */
    public void regenerate() {
        Exchange last = lastFinished("regenerate");
        if (last != null) {
            conversation.dropLast();
            run(last.request().withHistory(conversation.turns()));
        }
    }

    /** Puts the last question back into the prompt box and drops its exchange, to be edited and sent again. */
    public void editLast() {
        Exchange last = lastFinished("edit the question");
        if (last != null) {
            conversation.dropLast();
            editor.accept(last.question());
        }
    }

    /** Makes a cancelled answer history after all: the next question sends it (and the ledger prices it). */
    public void keep(Exchange e) {
        e.keep();
    }

    private Exchange lastFinished(String what) {
        if (running.get()) {
            messages.warn("stop the answer first (Esc), then " + what);
            return null;
        }
        Exchange last = conversation.last();
        if (last == null) {
            messages.warn("nothing to " + what + " yet: ask a question first");
        }
        return last;
    }

    /** Forgets the conversation: the next Run starts afresh. Refused while an answer is running. */
    public void newChat() {
        if (running.get()) {
            messages.warn("stop the answer first (Esc), then start a new chat");
            return;
        }
        conversation.clear();
        answer.set("");
        result.set(null);
        stages.clear();
        stage.set("");
    }

    /** Asks the running answer to stop; it ends within one step and keeps the text so far. */
    public void stop() {
        if (running.get() && stop != null) {
            stop.cancel();
            stage.set("stopping");
        }
    }

    /**
     * Moves text received since the last call into the answer, and the latest stage and progress
     * into their properties (so however often the engine reports, the UI sees one update per frame).
     * Returns the appended piece ("" when none).
     */
    public String flush() {
        String reported = liveStage;
        if (reported != null && running.get() && !"stopping".equals(stage.get())) {
            stage.set(reported);
            progress.set(liveFraction);
        }
        if (running.get()) {
            live.set(MessageStats.live(stage.get(), pieces, liveTokensPerSecond(System.nanoTime())));
        }
        String chunk;
        synchronized (pending) {
            if (pending.length() == 0) {
                return "";
            }
            chunk = pending.toString();
            pending.setLength(0);
        }
        answer.set(answer.get() + chunk);
        if (current != null) {
            current.append(chunk);
        }
        return chunk;
    }

    private record Outcome(AnswerResult result, String engine, boolean keepsHistory) {
    }

    @Override
    public void close() {
        engines.close();
    }
}
