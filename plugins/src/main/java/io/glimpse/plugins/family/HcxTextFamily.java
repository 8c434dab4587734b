package io.glimpse.plugins.family;

import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** HyperCLOVAX-SEED-Text-Instruct-0.5B: a Llama with HCX's ChatML turns (hcx-spec.md §8). */
public final class HcxTextFamily implements ModelFamily {
    @Override
    public String id() {
        return "hcx-seed-text";
    }

    @Override
    public String displayName() {
        return "HyperCLOVAX-SEED-Text-Instruct";
    }

    @Override
    public Set<Modality> inputs() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public int recognise(Path folder) {
        boolean turns = FolderFacts.hasAddedToken(folder, "<|endofturn|>") && FolderFacts.hasAddedToken(folder, "<|im_start|>");
        boolean vision = FolderFacts.json(folder, "config.json").has("vision_config");
        return turns && !vision ? 60 : 0;
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.of("hcx-text");
    }
}
