package io.glimpse.app.ui.engine;

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
     * The built-in choice: a folder with a {@code vision} block in glimpse.json, or one a vision
     * family recognises, opens as a {@link VisionModelEngine}; anything else as a {@link TextModelEngine}.
     */
    static EngineFactory builtIn() {
        return folder -> {
            ModelFamily family = ModelFamilies.detect(folder).orElse(null);
            if (family != null && family.inputs().contains(ModelFamily.Modality.IMAGE) || VisionModelEngine.declaresVision(folder)) {
                return VisionModelEngine.open(folder, RuntimeOptions.cpu());
            }
            return TextModelEngine.open(folder, RuntimeOptions.cpu());
        };
    }
}
