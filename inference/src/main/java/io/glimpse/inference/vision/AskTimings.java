package io.glimpse.inference.vision;

/**
 * Where the time of one ask went, in milliseconds of wall time, with the part of each model stage
 * spent inside ONNX Runtime (so a benchmark can tell the pipeline's own overhead). Immutable.
 *
 * @param mediaDecodeMs          decoding images and sampling video frames
 * @param preprocessMs           tiles, canvases, normalized pixels
 * @param visionEncodeMs         the vision encoder, all batches
 * @param stitchMs               stitching encoder rows into placeholder rows
 * @param embedMs                rendering and tokenizing the prompt, embed_tokens, merging the features in
 * @param prefillMs              the decoder's prompt run (including the first token's sampling)
 * @param timeToFirstTokenMs     from the start of the ask to the first token
 * @param decodeTokensPerSecond  tokens per second after the first one
 * @param decodeMs               wall time of the token loop after prefill
 * @param totalMs                the whole ask
 * @param visionEncodeRuntimeMs  the part of {@code visionEncodeMs} inside ONNX Runtime
 * @param embedRuntimeMs         the part of {@code embedMs} inside ONNX Runtime
 * @param prefillRuntimeMs       the part of {@code prefillMs} inside ONNX Runtime
 * @param decodeRuntimeMs        the part of {@code decodeMs} inside ONNX Runtime (decoder and embed_tokens)
 */
public record AskTimings(double mediaDecodeMs, double preprocessMs, double visionEncodeMs, double stitchMs, double embedMs,
                         double prefillMs, double timeToFirstTokenMs, double decodeTokensPerSecond, double decodeMs,
                         double totalMs, double visionEncodeRuntimeMs, double embedRuntimeMs, double prefillRuntimeMs,
                         double decodeRuntimeMs) {

    /** Milliseconds inside ONNX Runtime, all stages together. */
    public double runtimeMs() {
        return visionEncodeRuntimeMs + embedRuntimeMs + prefillRuntimeMs + decodeRuntimeMs;
    }

    /** The share of the whole ask spent outside ONNX Runtime (media, preprocessing, Java glue), 0..1. */
    public double outsideRuntimeShare() {
        return totalMs <= 0 ? 0 : Math.max(0, totalMs - runtimeMs()) / totalMs;
    }
}
