package io.glimpse.inference.generate;

/**
 * Where the time of one generation went, in milliseconds. Immutable.
 *
 * @param loadMs               loading the model (0 when it was already loaded)
 * @param tokenizeMs           turning the prompt into ids
 * @param prefillMs            the prompt's forward pass
 * @param timeToFirstTokenMs   from the start of tokenizing to the first token being sampled
 * @param decodeTokensPerSecond tokens per second after the first one (llama2.c's clock)
 * @param totalMs              from the start of tokenizing to the end
 * @param decodeWallMs         wall time of the token loop after prefill
 * @param decodeRuntimeMs      the part of {@code decodeWallMs} spent inside the model runtime;
 *                             the rest is the loop's own overhead (sampling, detokenizing, tensors)
 */
public record Timings(double loadMs, double tokenizeMs, double prefillMs, double timeToFirstTokenMs,
                      double decodeTokensPerSecond, double totalMs, double decodeWallMs, double decodeRuntimeMs) {

    /** The same timings with the model's load time filled in. */
    public Timings withLoadMs(double ms) {
        return new Timings(ms, tokenizeMs, prefillMs, timeToFirstTokenMs, decodeTokensPerSecond, totalMs, decodeWallMs, decodeRuntimeMs);
    }
}
