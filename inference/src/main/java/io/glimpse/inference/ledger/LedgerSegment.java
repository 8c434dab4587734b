package io.glimpse.inference.ledger;

import java.util.Map;

/**
 * One part of a request and what it costs. Immutable.
 *
 * @param kind       what part it is
 * @param source     where it comes from, in words: a file name, "system prompt", "turn 2 (assistant)"
 * @param tokens     its tokens (visual tokens plus the text around them)
 * @param estimated  true when the text part was estimated without the model's tokenizer (visual counts are always exact)
 * @param detail     the breakdown, e.g. {@code grid: "2x2", global: 81, local: 324, newlines: 18, wrapper: 12}
 */
public record LedgerSegment(SegmentKind kind, String source, int tokens, boolean estimated, Map<String, Object> detail) {
    public LedgerSegment {
        if (tokens < 0) {
            throw new IllegalArgumentException("a segment cannot cost " + tokens + " tokens");
        }
        detail = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail)); // keeps the order
    }
}
