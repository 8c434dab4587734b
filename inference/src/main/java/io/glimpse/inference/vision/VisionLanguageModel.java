package io.glimpse.inference.vision;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.hcx.HcxVision;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vision-language model opened from a folder: three ONNX graphs (vision encoder, token embedding,
 * decoder), the tokenizer and the processor settings, checked against each other when opened. A
 * glimpse.json folder ({@code vision} block, docs/glimpse-json.md) runs the HCX processor; a
 * transformers.js image-text-to-text folder (docs/model-format.md) the generic CLIP-style one. {@link #ask} runs pictures in, streamed answer
 * out: media decode, token ledger (refusing what does not fit before encoding anything),
 * preprocessing, encoding, stitching, prefill and decoding, each timed, reported and cancellable.
 *
 * <p>Not thread-safe: one ask at a time (the {@link CancelToken} may be tripped from any thread).
 * Owns its sessions and tokenizer: close it.
 */
public final class VisionLanguageModel implements AutoCloseable {
    private final ModelSpec spec;
    private final VisionSpec vision;
    private final VisionFrontEnd frontEnd;
    private final Tokenizer tokenizer;
    private final OrtDecoder decoder;
    private final VisionEncoder encoder;
    private final TokenEmbedder embedder;
    private ImageLoader imageLoader = ImageLoader.defaults();

    private VisionLanguageModel(ModelSpec spec, VisionFrontEnd frontEnd, Tokenizer tokenizer, OrtDecoder decoder,
                                VisionEncoder encoder, TokenEmbedder embedder) {
        this.spec = spec;
        this.vision = spec.vision();
        this.frontEnd = frontEnd;
        this.tokenizer = tokenizer;
        this.decoder = decoder;
        this.encoder = encoder;
        this.embedder = embedder;
    }

    /**
     * Opens and cross-checks a vision-language folder.
     *
     * @throws ModelFolderException for a missing file or graph, names that do not match the wiring,
     *                              row widths that differ from {@code hidden_size}, placeholder
     *                              tokens the tokenizer does not have, or a missing newline vector
     */
    public static VisionLanguageModel open(Path folder, RuntimeOptions options) throws ModelFolderException {
        ModelSpec spec = ModelFolder.read(folder);
        VisionSpec v = spec.vision();
        if (v == null) {
            throw new ModelFolderException(folder, spec.source() + " has no vision block: not a vision-language model folder");
        }
        if (!spec.decoder().takesEmbeddings()) {
            throw new ModelFolderException(folder, "glimpse.json vision needs a decoder that takes embeddings "
                    + "(decoder.inputs.inputs_embeds)");
        }
        // glimpse.json folders run the HCX processor; a transformers.js folder (fixed image_seq_length) the generic one
        VisionFrontEnd front = v.fixedImageSeqLength() ? GenericFrontEnd.open(folder, v) : HcxFrontEnd.open(folder, v);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Tokenizer tokenizer = spec.tokenizerFile() != null ? Tokenizers.open(folder, spec.tokenizerFile()) : Tokenizers.open(folder);
            opened.add(tokenizer);
            ModelChecks.tokenizer(folder, spec, tokenizer, v.fixedImageSeqLength() ? null : HcxPromptLayout.builtIn());
            OrtDecoder decoder = OrtDecoder.open(spec, options);
            opened.add(decoder);
            ModelChecks.width(folder, "the decoder's " + spec.decoder().inputsEmbeds() + " rows are", decoder.embeddingWidth(), v);
            VisionEncoder encoder = VisionEncoder.open(folder, v, options);
            opened.add(encoder);
            if (encoder.tileSide() > 0 && encoder.tileSide() != front.tileSide()) {
                throw new ModelFolderException(folder, "the vision encoder takes " + encoder.tileSide() + "-pixel tiles but "
                        + (v.fixedImageSeqLength() ? "preprocessor_config.json's tiles are " : "config.json's crop size is ")
                        + front.tileSide());
            }
            if (v.fixedImageSeqLength() && encoder.rowsPerTile() > 0 && encoder.rowsPerTile() != v.imageSeqLength()) {
                throw new ModelFolderException(folder, "the vision encoder gives " + encoder.rowsPerTile() + " feature rows per "
                        + "image but config.json's image_seq_length places " + v.imageSeqLength() + " image tokens");
            }
            TokenEmbedder embedder = TokenEmbedder.open(folder, v, options);
            opened.add(embedder);
            return new VisionLanguageModel(spec, front, tokenizer, decoder, encoder, embedder);
        } catch (ModelFolderException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing: the first error is the one to report
                }
            }
            throw e;
        }
    }

    /**
     * Answers {@code request}, streaming the answer to {@code listener}. A cancel request is honoured in
     * every stage and gives a result with {@link io.glimpse.inference.generate.FinishReason#CANCELLED}.
     *
     * @throws MediaException           an image or video cannot be read (not an image, over the pixel limit,
     *                                  no decodable frame, ...)
     * @throws RequestTooLongException  the request does not fit the context; nothing was encoded
     * @throws IllegalArgumentException a request the model cannot take (too many images, video on a model
     *                                  without video, a grid limit out of range)
     */
    public AskResult ask(AskRequest request, AskListener listener, CancelToken cancel)
            throws MediaException, RequestTooLongException {
        return new AskRun(this, request, listener, cancel).run();
    }

    /** The image loader of later asks (its pixel limit and background), e.g. a smaller limit for a kiosk. */
    public void imageLoader(ImageLoader loader) {
        this.imageLoader = java.util.Objects.requireNonNull(loader, "loader");
    }

    ImageLoader imageLoader() {
        return imageLoader;
    }

    public ModelSpec spec() {
        return spec;
    }

    public VisionSpec vision() {
        return vision;
    }

    /**
     * The HCX processor (counts, tiles, canvases) with the folder's settings; null for a transformers.js
     * image-text-to-text folder, which the generic CLIP-style processor runs.
     */
    public HcxVision processor() {
        return frontEnd instanceof HcxFrontEnd h ? h.processor() : null;
    }

    VisionFrontEnd frontEnd() {
        return frontEnd;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The decoder, for diagnostics and tests ({@link OrtDecoder#copyOutput}); do not run it during an ask. */
    public OrtDecoder decoder() {
        return decoder;
    }

    VisionEncoder encoder() {
        return encoder;
    }

    TokenEmbedder embedder() {
        return embedder;
    }

    @Override
    public void close() {
        embedder.close();
        encoder.close();
        decoder.close();
        tokenizer.close();
    }
}
