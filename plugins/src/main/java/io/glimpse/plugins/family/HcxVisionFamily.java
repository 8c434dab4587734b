package io.glimpse.plugins.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.hcx.HcxVision;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.plugins.ModelFamily;
import java.io.IOException;
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
    public Optional<VisionProcessor> vision(Path modelFolder) throws IOException {
        return Optional.of(new HcxVision(modelFolder == null ? HcxVisionSettings.defaults() : HcxVisionSettings.fromModelFolder(modelFolder)));
    }

    /** text_config (or language_config) max_position_embeddings, else decoder_max_length 4096 (hcx-spec.md §1.2). */
    @Override
    public ContextLength contextLength(Path modelFolder) {
        if (modelFolder != null) {
            JsonNode config = FolderFacts.json(modelFolder, "config.json");
            JsonNode text = config.has("text_config") ? config.get("text_config") : config.path("language_config");
            int n = text.path("max_position_embeddings").asInt(config.path("decoder_max_length").asInt(0));
            if (n > 0) {
                return new ContextLength(n, null);
            }
        }
        return new ContextLength(4096, "context length 4096 assumed (decoder_max_length default; the model folder gives none)");
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.empty(); // the vision template (image blocks) arrives with the HCX processor
    }
}
