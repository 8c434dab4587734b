package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.importer.ImportListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A running import's progress bar, tensor and byte counts and ETA. The importer reports after
 * every tensor on its own thread and waits for the listener, so {@link #heard} only stores the
 * figures and hands them to the UI thread at most every {@link #HANDOFF_NANOS} (and for the last
 * tensor); the UI shows the newest figures when it gets there.
 *
 * <p>{@link #heard} is thread-safe; everything else is UI thread only.
 */
public final class ImportProgress {
    /** The longest the UI waits for new figures: ten updates a second read as smooth and cost nothing. */
    static final long HANDOFF_NANOS = 100_000_000L;

    private final TaskRunner runner;
    private final LongSupplier clock;
    private final DoubleProperty fraction = new SimpleDoubleProperty();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty eta = new SimpleStringProperty("");
    private final AtomicReference<ImportListener.Progress> latest = new AtomicReference<>();
    private final AtomicBoolean handoffPending = new AtomicBoolean();
    private volatile long lastHandoff;
    private volatile boolean live; // figures are shown; false once the import ends or is being stopped
    private long startNanos;

    ImportProgress(TaskRunner runner, LongSupplier clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /** A new import starts now: nothing done, the ETA unknown. */
    void started() {
        latest.set(null);
        startNanos = clock.getAsLong();
        lastHandoff = startNanos - HANDOFF_NANOS; // the first tensor is shown at once
        live = true;
        show(0, "starting…", ImportFigures.eta(0, 0, 0));
    }

    /** Stops showing figures and says {@code what} instead (stopping, stopped, failed). */
    void ended(double at, String what) {
        live = false;
        show(at, what, "");
    }

    /** Cleared, for a new checkpoint. */
    void reset() {
        ended(0, "");
    }

    /** The newest figures heard, or null before the first tensor. */
    ImportListener.Progress latest() {
        return latest.get();
    }

    /** The importer's progress, on the importing thread: stored, and handed over when the last handoff is old enough. */
    void heard(ImportListener.Progress p) {
        latest.set(p);
        long now = clock.getAsLong();
        boolean last = p.tensorsDone() >= p.tensorsTotal();
        if ((last || now - lastHandoff >= HANDOFF_NANOS) && !handoffPending.getAndSet(true)) {
            lastHandoff = now;
            runner.onUi(this::showLatest);
        }
    }

    private void showLatest() {
        handoffPending.set(false);
        ImportListener.Progress p = latest.get();
        if (p == null || !live) {
            return;
        }
        show(p.bytesTotal() > 0 ? (double) p.bytesDone() / p.bytesTotal() : (double) p.tensorsDone() / Math.max(1, p.tensorsTotal()),
                ImportFigures.progress(p), ImportFigures.eta(p.bytesDone(), p.bytesTotal(), clock.getAsLong() - startNanos));
    }

    private void show(double at, String what, String etaText) {
        fraction.set(at);
        text.set(what);
        eta.set(etaText);
    }

    /** 0..1 by checkpoint bytes. */
    public DoubleProperty fractionProperty() {
        return fraction;
    }

    /** Tensors and bytes done, or the outcome in a few words. */
    public StringProperty textProperty() {
        return text;
    }

    /** "ETA 1 min 05 s", "ETA unknown" before the first tensor, empty when not running. */
    public StringProperty etaProperty() {
        return eta;
    }
}
