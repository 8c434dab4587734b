package io.glimpse.app.ui.vm;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Saves the settings a moment after the last change, so that a killed session loses at most that
 * moment (and a dragged slider writes once, not fifty times). The snapshot is taken on the UI
 * thread, which owns the settings; the bytes are written on one background thread, so writes land
 * in the order they were taken and an older snapshot never overwrites a newer one.
 * Thread-safe: {@link #changed()} may be called from any thread; {@link #saveNow()} from the UI thread.
 */
public final class Autosave implements AutoCloseable {
    /** Writes the bytes durably (temp file + rename). */
    @FunctionalInterface
    public interface Writer {
        void write(byte[] bytes) throws IOException;
    }

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "glimpse-settings-save");
        t.setDaemon(true); // a pending save never keeps the JVM alive; close() writes what is due
        return t;
    });
    private final long delayMillis;
    private final Executor ui;
    private final Supplier<byte[]> snapshot;
    private final Writer write;
    private final Consumer<String> onError;
    private ScheduledFuture<?> pending;
    private boolean closed;

    /**
     * @param delayMillis quiet time after the last change before saving
     * @param ui          runs a task on the UI thread (the snapshot reads UI-owned state)
     * @param snapshot    the settings as bytes, called on the UI thread
     * @param write       writes the bytes, called on the background thread
     * @param onError     gets the reason a write failed, on the UI thread
     */
    public Autosave(long delayMillis, Executor ui, Supplier<byte[]> snapshot, Writer write, Consumer<String> onError) {
        this.delayMillis = delayMillis;
        this.ui = ui;
        this.snapshot = snapshot;
        this.write = write;
        this.onError = onError;
    }

    /** Something saved changed: save after {@code delayMillis} without a further change. */
    public synchronized void changed() {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = writer.schedule(() -> ui.execute(this::snapshotAndWrite), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void snapshotAndWrite() {
        byte[] bytes = snapshot.get();
        synchronized (this) {
            if (closed) {
                return;
            }
            writer.execute(() -> {
                try {
                    write.write(bytes);
                } catch (IOException | RuntimeException e) {
                    ui.execute(() -> onError.accept(String.valueOf(e.getMessage())));
                }
            });
        }
    }

    /**
     * Saves now and waits for the write (after any write already queued), on the UI thread.
     *
     * @throws IOException when the write fails
     */
    public void saveNow() throws IOException {
        byte[] bytes = snapshot.get();
        Future<?> done;
        synchronized (this) {
            if (pending != null) {
                pending.cancel(false);
            }
            if (closed) {
                write.write(bytes);
                return;
            }
            done = writer.submit(() -> {
                write.write(bytes);
                return null;
            });
        }
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving the settings", e);
        }
    }

    /** Stops the timer; writes already queued finish, a pending (not yet due) save is dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
        writer.shutdown();
    }
}
