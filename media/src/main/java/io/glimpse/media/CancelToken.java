package io.glimpse.media;

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

    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("CancelToken.NONE cannot be cancelled");
        }
        cancelled = true;
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
