package io.glimpse.app.ui.engine;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;

/** Opens the engine for a model folder. Implementations are thread-safe (called on a worker thread). */
@FunctionalInterface
public interface EngineFactory {
    /** @throws Exception with a message for the user when the folder cannot be run */
    AnswerEngine open(Path folder) throws Exception;

    /**
     * The built-in choice: a text family's folder opens as a {@link TextModelEngine}; a vision
     * family's folder is refused until its encoder can run (the plan still works).
     */
    static EngineFactory builtIn() {
        return folder -> {
            ModelFamily family = ModelFamilies.detect(folder).orElse(null);
            if (family != null && family.inputs().contains(ModelFamily.Modality.IMAGE)) {
                throw new ModelFolderException(folder, family.displayName()
                        + " is planned here but not run yet: the vision encoder runtime is not in this build");
            }
            return TextModelEngine.open(folder, RuntimeOptions.cpu());
        };
    }
}
