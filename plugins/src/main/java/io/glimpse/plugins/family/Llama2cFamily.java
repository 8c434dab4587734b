package io.glimpse.plugins.family;

import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Karpathy's llama2.c models (stories260K): plain text continuation, the test family. */
public final class Llama2cFamily implements ModelFamily {
    @Override
    public String id() {
        return "llama2c";
    }

    @Override
    public String displayName() {
        return "llama2.c (TinyStories)";
    }

    @Override
    public Set<Modality> inputs() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public int recognise(Path folder) {
        return FolderFacts.modelType(folder).equals("llama2c") ? 100 : 0;
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.empty(); // a story model: no chat turns
    }
}
