package io.glimpse.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancel request shared between the thread that runs a long operation and any thread that wants
 * it stopped (the UI, a signal handler). Thread-safe: {@link #cancel()} may be called from any
 * thread, any number of times; operations poll {@link #throwIfCancelled()} between units of work
 * (frames, tiles, decode steps).
 */
public final class CancelToken {
    /** A token nobody cancels, for callers that do not need to stop anything. */
    public static final CancelToken NONE = new CancelToken();

    private volatile boolean cancelled;
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    /** Trips the token and runs the actions registered with {@link #onCancel} (on this thread). */
    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("CancelToken.NONE cannot be cancelled");
        }
        cancelled = true;
        for (Runnable action : onCancel) {
            action.run();
        }
    }

    /**
     * Runs {@code action} when the token is cancelled (at once, on this thread, if it already is): for work
     * that cannot poll, such as a native run that only stops when told to. The action may run on any
     * thread and, in a race with {@link #cancel()}, twice: make it idempotent and quick. Close the
     * returned registration when the work is over.
     */
    public Registration onCancel(Runnable action) {
        if (this == NONE) {
            return Registration.NONE;
        }
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    /** An action registered with {@link #onCancel}; closing it unregisters the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** A registration with nothing to undo. */
        Registration NONE = () -> { };

        @Override
        void close();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws CancelledException if {@link #cancel()} was called */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
