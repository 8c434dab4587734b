package io.glimpse.inference.importer;

import io.glimpse.inference.ModelFolderException;
import java.nio.file.Path;

/**
 * A Hugging Face checkpoint cannot be imported: a file is missing or damaged, a tensor is missing or
 * of the wrong shape, the architecture or a config value is not supported. One line, "path: problem".
 */
public class CheckpointException extends ModelFolderException {
    public CheckpointException(Path path, String problem) {
        super(path, problem);
    }
}
