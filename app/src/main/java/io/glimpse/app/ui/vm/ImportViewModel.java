package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.CheckpointSummary;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.ImportListener;
import io.glimpse.inference.importer.ImportOptions;
import io.glimpse.inference.importer.ImportReport;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.Precision;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The import pane: a Hugging Face checkpoint folder, where the model folder goes and how it is
 * written; Start runs the importer in the background, Stop cancels it (the importer leaves nothing
 * behind), and a finished import is handed to {@code onImported} (the workbench opens it as the
 * model). Errors go to the message strip; what the user typed is never reset by one.
 *
 * <p>UI thread only (the importer's progress reaches it through {@link ImportProgress}).
 */
public final class ImportViewModel {
    /** Runs one import: {@code new Importer()::run} in the window, a fake in tests. */
    @FunctionalInterface
    public interface ImportJob {
        ImportReport run(Path source, Path out, ImportOptions options, ImportListener listener, CancelToken cancel)
                throws CheckpointException;
    }

    private final TaskRunner runner;
    private final MessagesViewModel messages;
    private final ImportJob job;
    private final Consumer<Path> onImported;
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty output = new SimpleStringProperty("");
    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(Precision.FP32);
    private final StringProperty precisionNote = new SimpleStringProperty("");
    private final ObjectProperty<Ops> ops = new SimpleObjectProperty<>(ImportOptions.DEFAULT_OPS);
    private final BooleanProperty lmHeadFp32 = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ImportProgress progress;
    private final ObjectProperty<ImportReport> result = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private boolean outputFollowsDefault = true; // until the user types an output folder of their own
    private boolean settingOutput;
    private CancelToken stop;
    private String offerText; // the strip's offer to import, dismissed once an import succeeds

    public ImportViewModel(TaskRunner runner, MessagesViewModel messages, ImportJob job, LongSupplier clock,
                           Consumer<Path> onImported) {
        this.runner = runner;
        this.messages = messages;
        this.job = job;
        this.progress = new ImportProgress(runner, clock);
        this.onImported = onImported;
        output.addListener((o, a, b) -> outputFollowsDefault &= settingOutput);
        precision.addListener((o, a, b) -> followDefaultOutput());
    }

    /** Shows the pane for {@code folder}: reads its architecture and size in the background, then picks the defaults. */
    public void open(Path folder) {
        shown.set(true);
        if (running.get()) {
            messages.warn("an import is running: stop it before choosing another checkpoint");
            return;
        }
        source.set(folder);
        outputFollowsDefault = true;
        result.set(null);
        error.set(null);
        progress.reset();
        summary.set("reading config.json…");
        precisionNote.set("");
        followDefaultOutput();
        runner.submit(cancel -> CheckpointSummary.read(folder), s -> {
            if (folder.equals(source.get())) {
                showSummary(s);
            }
        }, e -> {
            if (folder.equals(source.get())) {
                summary.set("cannot read the checkpoint (see the message below)");
                messages.error(MessagesViewModel.describe(e));
            }
        });
    }

    /**
     * A checkpoint chosen as a model folder: says so and opens the pane for it instead of failing to
     * open it as a model. False (nothing done) for any other folder.
     */
    public boolean offer(Path folder) {
        if (!CheckpointSummary.offersImport(folder)) {
            return false;
        }
        offerText = folder.getFileName() + " is a Hugging Face checkpoint, not an ONNX model folder: import it"
                + " (the import pane is open for it); the imported folder then opens as the model";
        messages.info(offerText);
        open(folder);
        return true;
    }

    private void showSummary(CheckpointSummary s) {
        long parameters = s.parameters();
        summary.set(s.architecture() + ", " + ImportFigures.parameters(parameters) + " parameters"
                + (s.known() ? "" : " (not an architecture the importer knows; Start says which it does)"));
        Precision p = ImportOptions.defaultPrecision(parameters);
        precisionNote.set("default for " + ImportFigures.parameters(parameters) + " parameters: " + p.cliName());
        precision.set(p);
        followDefaultOutput();
    }

    /** The default output: a sibling folder {@code <name>-glimpse-<precision>}, unless the user typed one. */
    private void followDefaultOutput() {
        Path src = source.get();
        if (!outputFollowsDefault || src == null || src.getFileName() == null) {
            return;
        }
        settingOutput = true;
        output.set(src.resolveSibling(src.getFileName() + "-glimpse-" + precision.get().cliName()).toString());
        settingOutput = false;
    }

    /** Starts the import; a refused setting is reported in the message strip and nothing is changed. */
    public void start() {
        if (running.get()) {
            return;
        }
        Path src = source.get();
        if (src == null) {
            fail("choose the Hugging Face checkpoint folder to import first");
            return;
        }
        Path out;
        try {
            out = output.get() == null || output.get().isBlank() ? null : Path.of(output.get().trim());
        } catch (InvalidPathException e) {
            fail(output.get() + ": not a valid folder name (" + e.getReason() + ")");
            return;
        }
        if (out == null) {
            fail("type the output folder first: where the imported model goes");
            return;
        }
        if (!out.isAbsolute()) { // a bare name goes beside the checkpoint, not into the working directory
            out = src.toAbsolutePath().resolveSibling(out).normalize();
        }
        if (Files.exists(out)) {
            fail(out + ": already exists; choose another output folder (or delete that one)");
            return;
        }
        Precision p = precision.get();
        // The precision shown is the one used, so it is always passed (the pane's default follows the importer's rule).
        ImportOptions options = ImportOptions.defaults().withOps(ops.get()).withLmHeadFp32(lmHeadFp32.get()).withPrecision(p);
        Path target = out;
        CancelToken token = new CancelToken();
        stop = token;
        running.set(true);
        result.set(null);
        error.set(null);
        progress.started();
        runner.submit(cancel -> {
            try {
                return job.run(src, target, options, progress::heard, token);
            } catch (CancelledException e) {
                return null; // stopped: delivered as a null result, so the pane learns when the importer has cleaned up
            }
        }, r -> finished(r, target), e -> {
            running.set(false);
            progress.ended(0, "failed (see the message below)");
            fail(MessagesViewModel.describe(e));
        });
    }

    /** Cancels a running import; it ends within a tensor and deletes what it wrote. */
    public void stop() {
        if (running.get() && stop != null && !stop.isCancelled()) {
            stop.cancel();
            progress.ended(progress.fractionProperty().get(), "stopping…");
        }
    }

    private void finished(ImportReport r, Path out) {
        running.set(false);
        if (r == null) {
            progress.ended(0, "stopped: nothing was written");
            messages.info("import stopped; nothing was written to " + out);
            return;
        }
        ImportListener.Progress p = progress.latest();
        progress.ended(1, "done" + (p == null ? "" : ": " + p.tensorsTotal() + " tensors") + ", "
                + ImportFigures.bytes(r.totalBytes()) + " written in " + String.format(java.util.Locale.ROOT, "%.1f s", r.seconds()));
        result.set(r);
        messages.messages().removeIf(m -> m.text().equals(offerText));
        messages.info(ImportFigures.imported(r));
        onImported.accept(r.folder());
    }

    private void fail(String message) {
        error.set(message);
        messages.error(message);
    }

    /** Hides the pane; a running import goes on (its outcome still arrives). */
    public void close() {
        shown.set(false);
    }

    public BooleanProperty shownProperty() {
        return shown;
    }

    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    /** The checkpoint's architecture and parameter count, or what is being read. */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** The output folder as typed (editable; follows the precision until the user types one). */
    public StringProperty outputProperty() {
        return output;
    }

    public ObjectProperty<Precision> precisionProperty() {
        return precision;
    }

    /** Which precision the size calls for, in words. */
    public StringProperty precisionNoteProperty() {
        return precisionNote;
    }

    public ObjectProperty<Ops> opsProperty() {
        return ops;
    }

    public BooleanProperty lmHeadFp32Property() {
        return lmHeadFp32;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The progress bar, counts and ETA of the running (or last) import. */
    public ImportProgress progress() {
        return progress;
    }

    /** The last finished import's report, or null. */
    public ObjectProperty<ImportReport> resultProperty() {
        return result;
    }

    /** The last refusal or failure, as shown in the message strip, or null. */
    public StringProperty errorProperty() {
        return error;
    }
}
