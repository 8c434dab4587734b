package io.glimpse.media;

/**
 * Receives progress of a long operation. Called on the thread doing the work, so implementations
 * must return quickly (a UI listener only hands the numbers over to its own thread).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage short name of what is being done, e.g. {@code "decode"}
     * @param done  units finished so far
     * @param total units in all, or -1 when unknown
     */
    void progress(String stage, long done, long total);
}
