package io.glimpse.media;

/** Thrown out of a long operation when its {@link CancelToken} was cancelled. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
