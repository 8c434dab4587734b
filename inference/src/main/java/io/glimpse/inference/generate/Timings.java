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
 */
public record Timings(double loadMs, double tokenizeMs, double prefillMs, double timeToFirstTokenMs,
                      double decodeTokensPerSecond, double totalMs) {
}
