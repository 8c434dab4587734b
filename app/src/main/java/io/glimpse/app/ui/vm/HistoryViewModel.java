package io.glimpse.app.ui.vm;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunExport;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.app.ui.service.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The history pane: a search over the recorded runs (as you type, a moment after the last key, off
 * the UI thread, the newest query winning), filters by model and media name, the selected run's
 * whole record, and open, re-run, delete (with undo) and export. Never touches a Node; UI thread
 * only, except that the store is read and written on the task runner's workers.
 */
public final class HistoryViewModel implements AutoCloseable {
    /** Rows listed at most: the newest first; a search narrows them. */
    public static final int PAGE = 500;
    /** Quiet time after a key before the search runs. */
    public static final long DEBOUNCE_MILLIS = 150;

    private final TaskRunner runner;
    private final HistoryStore store;
    private final WorkbenchViewModel workbench;
    private final long debounceMillis;
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty mediaFilter = new SimpleStringProperty("");
    private final ObjectProperty<String> modelFilter = new SimpleObjectProperty<>();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunSummary> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<RunRecord> record = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final TaskRunner.Latest searching = new TaskRunner.Latest();
    private final TaskRunner.Latest loading = new TaskRunner.Latest();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private RunRecord deleted;
    private int total;

    /**
     * @param workbench      where open and re-run put a record
     * @param debounceMillis quiet time before a typed search runs; 0 runs it at once (tests)
     */
    public HistoryViewModel(TaskRunner runner, HistoryStore store, WorkbenchViewModel workbench, long debounceMillis) {
        this.runner = runner;
        this.store = store;
        this.workbench = workbench;
        this.debounceMillis = debounceMillis;
        this.timer = debounceMillis <= 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glimpse-history-search");
            t.setDaemon(true);
            return t;
        });
        search.addListener(o -> typed());
        mediaFilter.addListener(o -> typed());
        modelFilter.addListener(o -> refresh()); // a choice, not typing: at once
        selected.addListener((o, a, b) -> load(b));
        workbench.onRecorded(id -> refresh()); // a run the window just finished joins the list
    }

    /** Text found in the question, answer, model folder or media names. */
    public StringProperty searchProperty() {
        return search;
    }

    /** Part of a media file name, or blank for any. */
    public StringProperty mediaFilterProperty() {
        return mediaFilter;
    }

    /** A model folder from {@link #models()}, or null for any. */
    public ObjectProperty<String> modelFilterProperty() {
        return modelFilter;
    }

    /** The model folders in the history, for the filter. */
    public ObservableList<String> models() {
        return models;
    }

    /** The runs matching the search and filters, newest first. */
    public ObservableList<RunSummary> runs() {
        return runs;
    }

    public ObjectProperty<RunSummary> selectedProperty() {
        return selected;
    }

    /** The selected run's whole record (read in the background), or null. */
    public ObjectProperty<RunRecord> recordProperty() {
        return record;
    }

    /** How many runs are listed of how many, or what was just done. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether a delete can be undone now. */
    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public HistoryStore store() {
        return store;
    }

    private synchronized void typed() {
        if (timer == null) {
            refresh();
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(() -> runner.onUi(this::refresh), debounceMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs the search now (in the background); the list and the model filter follow. */
    public void refresh() {
        HistoryQuery q = new HistoryQuery(search.get(), modelFilter.get(), mediaFilter.get(), null, PAGE);
        searching.submit(runner, cancel -> new Found(store.search(q), store.models(), store.count()), found -> {
            RunSummary keep = selected.get();
            runs.setAll(found.rows);
            if (!found.models.equals(models)) {
                String chosen = modelFilter.get();
                models.setAll(found.models);
                modelFilter.set(chosen); // a ComboBox clears its value when its items are replaced
            }
            total = found.total;
            status.set(listed());
            selected.set(keep == null ? null : found.rows.stream().filter(r -> r.id() == keep.id()).findFirst().orElse(null));
        }, err -> status.set("cannot search the history: " + MessagesViewModel.describe(err)));
    }

    private String listed() {
        return runs.size() == total ? total + (total == 1 ? " run" : " runs") : runs.size() + " of " + total + " runs";
    }

    private void load(RunSummary s) {
        // cleared at once: until the new record is read, open / delete / export must not act on the previous one
        record.set(null);
        if (s == null) {
            loading.cancel();
            return;
        }
        loading.submit(runner, cancel -> store.get(s.id()).orElse(null), record::set,
                err -> status.set("cannot read run " + s.id() + ": " + MessagesViewModel.describe(err)));
    }

    /** Puts the selected run into the workbench: media, prompts, sampling and frame settings, and its answer in the chat. */
    public void open() {
        RunRecord r = ready("open");
        if (r != null && workbench.run().runningProperty().get()) {
            workbench.messages().warn("stop the answer first (Esc), then open a run from the history");
        } else if (r != null) {
            RecordRestore.apply(workbench, r, true);
            status.set("run " + selected.get().id() + " opened in the workbench");
        }
    }

    /**
     * Runs the selected run again through the workbench's run: the same files (checked by hash), the
     * same frames, history, sampling and seed; its settings are put on the controls first.
     */
    public void rerun() {
        RunRecord r = ready("re-run");
        if (r == null) {
            return;
        }
        if (workbench.run().runningProperty().get()) {
            workbench.messages().warn("stop the answer first (Esc), then re-run");
            return;
        }
        long id = selected.get().id();
        runner.submit(cancel -> RecordRestore.request(store, r), request -> {
            RecordRestore.apply(workbench, r, false);
            workbench.run().run(request);
            status.set("re-running run " + id);
        }, err -> workbench.messages().error("cannot re-run run " + id + ": " + MessagesViewModel.describe(err)));
    }

    /** Deletes the selected run; {@link #undo()} brings it back (as a new id, at its old place in time). */
    public void delete() {
        RunSummary s = selected.get();
        RunRecord r = ready("delete");
        if (r == null) {
            return;
        }
        runner.submit(cancel -> store.delete(s.id()), gone -> {
            deleted = r;
            canUndo.set(true);
            runs.remove(s);
            selected.set(null);
            total = Math.max(0, total - 1);
            status.set("run " + s.id() + " deleted");
            refresh();
        }, err -> status.set("cannot delete run " + s.id() + ": " + MessagesViewModel.describe(err)));
    }

    /** Records the last deleted run again. */
    public void undo() {
        RunRecord r = deleted;
        if (r == null) {
            return;
        }
        deleted = null;
        canUndo.set(false);
        runner.submit(cancel -> store.add(r), id -> {
            status.set("restored as run " + id);
            refresh();
        }, err -> status.set("cannot restore the run: " + MessagesViewModel.describe(err)));
    }

    /** The export formats. */
    public enum Format {
        MARKDOWN("md"), JSON("json");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** Writes the selected run to {@code file} as Markdown or JSON (in the background). */
    public void export(Path file, Format format) {
        RunRecord r = ready("export");
        if (r == null || file == null) {
            return;
        }
        long id = selected.get().id();
        runner.submit(cancel -> {
            RunExport.write(file, format == Format.JSON ? RunExport.json(r) : RunExport.markdown(id, r));
            return file;
        }, f -> status.set("run " + id + " written to " + f.getFileName()),
                err -> workbench.messages().error("cannot export run " + id + " to " + file + ": " + MessagesViewModel.describe(err)));
    }

    /** A suggested export file name. */
    public String exportName(Format format) {
        RunSummary s = selected.get();
        return "glimpse-run-" + (s == null ? "" : s.id()) + "." + format.extension;
    }

    /** The selected run's record, or null with a word to the user (none selected, still being read). */
    private RunRecord ready(String what) {
        RunSummary s = selected.get();
        RunRecord r = record.get();
        if (s == null) {
            status.set("select a run to " + what);
            return null;
        }
        if (r == null) {
            status.set("run " + s.id() + " is still being read; try again");
            return null;
        }
        return r;
    }

    private record Found(List<RunSummary> rows, List<String> models, int total) {
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        searching.cancel();
        loading.cancel();
    }
}
