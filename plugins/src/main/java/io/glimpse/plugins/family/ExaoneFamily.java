package io.glimpse.plugins.family;

import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** EXAONE 3.5 (LG AI Research): Llama-style decoder, [|role|] chat turns (hcx-spec.md §9). */
public final class ExaoneFamily implements ModelFamily {
    @Override
    public String id() {
        return "exaone-3.5";
    }

    @Override
    public String displayName() {
        return "EXAONE-3.5-Instruct";
    }

    @Override
    public Set<Modality> inputs() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public int recognise(Path folder) {
        if (FolderFacts.modelType(folder).equals("exaone")) {
            return 100;
        }
        return FolderFacts.hasAddedToken(folder, "[|endofturn|]") ? 60 : 0;
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.of("exaone-3");
    }
}
