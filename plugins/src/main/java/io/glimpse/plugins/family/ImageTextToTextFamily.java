package io.glimpse.plugins.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.vision.ImageTextToTextPlanner;
import io.glimpse.plugins.ModelFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * transformers.js image-text-to-text folders as downloaded (LLaVA-style config.json, CLIP-style
 * preprocessor_config.json, the folder's Jinja chat template; docs/model-format.md): one tile per
 * image worth {@code image_seq_length} tokens, images only. Every setting comes from the folder, so
 * there is no built-in profile.
 */
public final class ImageTextToTextFamily implements ModelFamily {
    /** What the profile needs that only a model folder has. */
    public static final String NEEDS_FOLDER = "image-text-to-text has no built-in profile: its image size, image token, "
            + "tokens per image and chat template come from the model folder (give --model)";

    @Override
    public String id() {
        return "image-text-to-text";
    }

    @Override
    public String displayName() {
        return "transformers.js image-text-to-text (LLaVA-style)";
    }

    @Override
    public Set<Modality> inputs() {
        return Set.of(Modality.TEXT, Modality.IMAGE);
    }

    /** The folders the model reader opens as image-text-to-text: config.json and onnx/vision_encoder or embed_tokens. */
    @Override
    public int recognise(Path folder) {
        return ModelFolder.isImageTextToText(folder) ? 100 : 0;
    }

    /**
     * @throws IllegalArgumentException for a null folder ({@link #NEEDS_FOLDER})
     * @throws IOException              when the folder cannot be read as image-text-to-text (the message says why)
     */
    @Override
    public Optional<VisionProcessor> vision(Path modelFolder) throws IOException {
        if (modelFolder == null) {
            throw new IllegalArgumentException(NEEDS_FOLDER);
        }
        try {
            return Optional.of(ImageTextToTextPlanner.open(modelFolder).processor());
        } catch (ModelFolderException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** text_config.max_position_embeddings (or the top level's), else 2048 as the model reader assumes. */
    @Override
    public ContextLength contextLength(Path modelFolder) {
        if (modelFolder != null) {
            JsonNode config = FolderFacts.json(modelFolder, "config.json");
            JsonNode text = config.has("text_config") ? config.get("text_config") : config;
            int n = text.path("max_position_embeddings").asInt(0);
            if (n > 0) {
                return new ContextLength(n, null);
            }
        }
        return new ContextLength(2048, "context length 2048 assumed (config.json gives no max_position_embeddings)");
    }

    @Override
    public Optional<String> builtInChatTemplate() {
        return Optional.empty(); // the folder's own chat template places the image token
    }
}
