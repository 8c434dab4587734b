package io.glimpse.inference.ledger;

import java.util.List;

/**
 * What a request costs before anything runs: one segment per part, totals against the context.
 * Immutable.
 *
 * @param segments       the parts, in prompt order, then the output reserve
 * @param contextLength  the model's context length
 * @param assumptions    settings taken from built-in defaults where the model's files were silent
 * @param warnings       what was adjusted (image downscaled, frames dropped, text estimated, ...)
 */
public record TokenLedger(List<LedgerSegment> segments, int contextLength, List<String> assumptions, List<String> warnings) {
    public TokenLedger {
        segments = List.copyOf(segments);
        assumptions = List.copyOf(assumptions);
        warnings = List.copyOf(warnings);
    }

    /** Tokens of the prompt: every segment but the output reserve. */
    public int promptTokens() {
        return segments.stream().filter(s -> s.kind() != SegmentKind.OUTPUT_RESERVE).mapToInt(LedgerSegment::tokens).sum();
    }

    public int outputReserve() {
        return segments.stream().filter(s -> s.kind() == SegmentKind.OUTPUT_RESERVE).mapToInt(LedgerSegment::tokens).sum();
    }

    /** Tokens of images and videos (with their wrapper text). */
    public int visualTokens() {
        return segments.stream().filter(s -> s.kind() == SegmentKind.IMAGE || s.kind() == SegmentKind.VIDEO)
                .mapToInt(LedgerSegment::tokens).sum();
    }

    public int totalTokens() {
        return promptTokens() + outputReserve();
    }

    public boolean fits() {
        return totalTokens() <= contextLength;
    }

    /** How far over the context the request is (0 when it fits). */
    public int overBy() {
        return Math.max(0, totalTokens() - contextLength);
    }

    /** Whether any text count is an estimate (no tokenizer was available). */
    public boolean estimated() {
        return segments.stream().anyMatch(LedgerSegment::estimated);
    }
}
