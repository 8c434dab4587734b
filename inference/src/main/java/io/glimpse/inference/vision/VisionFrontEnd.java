package io.glimpse.inference.vision;

import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The processor-specific half of an ask: what requests it takes, how the prompt is laid out and
 * counted, and how pictures become encoder tiles. {@link HcxFrontEnd} runs HCX-style folders
 * (AnyRes tiles, the built-in HCX prompt layout); {@link GenericFrontEnd} runs transformers.js
 * image-text-to-text folders (one CLIP-style tile per image, the folder's Jinja chat template).
 * Implementations are immutable and thread-safe.
 */
interface VisionFrontEnd {
    /**
     * Refuses what this processor cannot take, before anything is decoded.
     *
     * @return the request's grid limit per image
     * @throws IllegalArgumentException with the reason
     */
    int checkRequest(AskRequest request);

    /** A sampled video frame as the processor takes it, shrunk as soon as it is decoded. */
    RgbImage prepareFrame(RgbImage frame);

    /** The request's token ledger, computed from sizes and frame counts alone. */
    TokenLedger ledger(LedgerRequest request, TextCounter text);

    /** The prompt text, every placeholder already expanded to its feature-row count. */
    String render(LedgerRequest request);

    /** Every image's and video's encoder input, in prompt order; cancellable between tiles. */
    List<VisualStage.Item> preprocess(MediaStage.Decoded media, int grids, CancelToken cancel, DoubleConsumer progress);

    /** The side of every tile the encoder gets. */
    int tileSide();

    /** The learned newline vector of hcx-anyres stitching, or null. */
    float[] newline();

    /** Texts that end the answer besides the folder's declared stops (e.g. the chat template's eos text). */
    List<String> stopStrings();
}
