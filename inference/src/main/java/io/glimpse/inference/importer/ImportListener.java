package io.glimpse.inference.importer;

/**
 * Hears an import's progress. Called on the importing thread after each tensor is written, and
 * blocks the import until it returns: a UI listener must only hand the figures over.
 */
@FunctionalInterface
public interface ImportListener {
    ImportListener NONE = p -> { };

    void progress(Progress p);

    /**
     * @param tensorsDone checkpoint tensors read and written so far (a tied embedding counts twice)
     * @param bytesDone   their checkpoint bytes
     * @param tensor      the last one's name
     */
    record Progress(int tensorsDone, int tensorsTotal, long bytesDone, long bytesTotal, String tensor) {
        /**
         * Seconds left at the bytes rate so far (the command line's and the window's ETA), or −1 before any
         * byte is done, when there is no rate yet.
         */
        public static long secondsLeft(long bytesDone, long bytesTotal, double elapsedSeconds) {
            if (bytesDone <= 0 || elapsedSeconds <= 0) {
                return -1;
            }
            return Math.round(elapsedSeconds * Math.max(0, bytesTotal - bytesDone) / bytesDone);
        }
    }
}
