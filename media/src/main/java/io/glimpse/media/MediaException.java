package io.glimpse.media;

import java.nio.file.Path;

/**
 * A user's file could not be used: it is missing, empty, corrupt, too large, of an unsupported
 * format, or has no video stream. The message is one line that names the file and the problem,
 * fit to show the user as it is (the command line prints it and exits with code 3).
 */
public class MediaException extends Exception {
    private final transient Path file;

    public MediaException(Path file, String problem) {
        this(file, problem, null);
    }

    public MediaException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is about. */
    public Path file() {
        return file;
    }
}
