package io.glimpse.inference;

import java.nio.file.Path;

/**
 * A model folder cannot be used: a file is missing, a config is malformed, or the ONNX graph does
 * not match its wiring. The message is one line, "folder: problem", fit to show the user as is.
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

    public Path folder() {
        return folder;
    }
}
