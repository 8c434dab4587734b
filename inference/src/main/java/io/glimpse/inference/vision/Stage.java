package io.glimpse.inference.vision;

/** The stages of one {@link VisionLanguageModel#ask}, in the order they run. */
public enum Stage {
    /** Decoding images and sampling video frames. */
    MEDIA_DECODE,
    /** Tiles, canvases and normalized pixels. */
    PREPROCESS,
    /** The vision encoder, batch by batch. */
    VISION_ENCODE,
    /** Stitching, tokenizing, embedding the prompt and running it through the decoder. */
    PREFILL,
    /** Generating the answer, token by token. */
    DECODE
}
