package io.glimpse.plugins.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** HyperCLOVAX-SEED-Vision-Instruct-3B: SigLIP grids, C-Abstractor, AnyRes images, video canvases (hcx-spec.md §4–§7). */
public final class HcxVisionFamily implements ModelFamily {
    @Override
    public String id() {
        return "hcx-seed-vision-3b";
    }

    @Override
    public String displayName() {
        return "HyperCLOVAX-SEED-Vision-Instruct-3B";
    }

    @Override
    public Set<Modality> inputs() {
        return Set.of(Modality.TEXT, Modality.IMAGE, Modality.VIDEO);
    }

    @Override
    public int recognise(Path folder) {
        JsonNode config = FolderFacts.json(folder, "config.json");
        if (config.path("model_type").asText("").equals("hyperclovax_vlm")) {
            return 100;
        }
        // Both key spellings of the checkpoint revisions (hcx-spec.md §1.2).
        boolean text = config.has("text_config") || config.has("language_config");
        return text && config.has("vision_config") && FolderFacts.hasAddedToken(folder, "<|endofturn|>") ? 80 : 0;
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.empty(); // the vision template (image blocks) arrives with the HCX processor
    }
}
