package io.glimpse.inference;

import java.nio.file.Path;

/**
 * A model folder could not be used: a file is missing, unreadable or of an unsupported kind. The
 * message is one line that names the folder (or file) and the problem, fit to show the user as is.
 */
public class ModelFolderException extends Exception {
    private final transient Path folder;

    public ModelFolderException(Path folder, String problem) {
        this(folder, problem, null);
    }

    public ModelFolderException(Path folder, String problem, Throwable cause) {
        super(folder + ": " + problem, cause);
        this.folder = folder;
    }

    /** The folder or file the problem is about. */
    public Path folder() {
        return folder;
    }
}
