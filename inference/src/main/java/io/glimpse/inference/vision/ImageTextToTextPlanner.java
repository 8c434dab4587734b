package io.glimpse.inference.vision;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generic.ClipVisionProcessor;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.file.Path;
import java.util.List;

/**
 * Plans requests for a transformers.js image-text-to-text folder exactly as {@link VisionLanguageModel#ask}
 * prices them, from the folder's config files alone (no ONNX session is opened): the same front end, so
 * the same Jinja chat template, image parts and {@code image_seq_length} expansion. Used by
 * {@code glimpse plan} and the window. Immutable and thread-safe.
 */
public final class ImageTextToTextPlanner {
    private final ModelSpec spec;
    private final GenericFrontEnd frontEnd;

    private ImageTextToTextPlanner(ModelSpec spec, GenericFrontEnd frontEnd) {
        this.spec = spec;
        this.frontEnd = frontEnd;
    }

    /**
     * Reads the folder as {@link VisionLanguageModel#open} does, up to the processor.
     *
     * @throws ModelFolderException when the folder is not an image-text-to-text folder or its files are inconsistent
     */
    public static ImageTextToTextPlanner open(Path folder) throws ModelFolderException {
        ModelSpec spec = ModelFolder.read(folder);
        VisionSpec v = spec.vision();
        if (v == null || !v.fixedImageSeqLength()) {
            throw new ModelFolderException(folder, "not a transformers.js image-text-to-text folder (" + spec.source()
                    + " gives no image_seq_length)");
        }
        return new ImageTextToTextPlanner(spec, GenericFrontEnd.open(folder, v));
    }

    /** The CLIP-style processor: tiles, per-image cost and placeholder. */
    public ClipVisionProcessor processor() {
        return frontEnd.processor();
    }

    /** config.json's context length (text_config.max_position_embeddings, else the noted default). */
    public int contextLength() {
        return spec.contextLength();
    }

    /** What was assumed or derived while reading the folder. */
    public List<String> notes() {
        return spec.notes();
    }

    /**
     * The ledger {@code glimpse ask} computes for this request.
     *
     * @throws IllegalArgumentException for a video ({@link ClipVisionProcessor#IMAGES_ONLY}) or a template that cannot take the images
     */
    public TokenLedger ledger(LedgerRequest request, TextCounter text) {
        if (!request.videos().isEmpty()) {
            throw new IllegalArgumentException(ClipVisionProcessor.IMAGES_ONLY);
        }
        return frontEnd.ledger(request, text);
    }

    /** The tokenizer {@code glimpse ask} counts with (the caller owns it: close it). */
    public Tokenizer openTokenizer() throws ModelFolderException {
        return spec.tokenizerFile() != null ? Tokenizers.open(spec.folder(), spec.tokenizerFile()) : Tokenizers.open(spec.folder());
    }

    /** The prompt {@code glimpse ask} tokenizes, placeholders expanded. */
    public String render(LedgerRequest request) {
        return frontEnd.render(request);
    }
}
