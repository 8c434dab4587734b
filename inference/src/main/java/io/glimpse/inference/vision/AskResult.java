package io.glimpse.inference.vision;

import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.ledger.TokenLedger;
import java.util.List;

/**
 * The outcome of one ask, a plain value. Immutable.
 *
 * @param generation  the answer: text, ids, finish reason ({@link FinishReason#CANCELLED} when a cancel
 *                    request stopped any stage), the generation loop's own timings
 * @param ledger      what the request cost in tokens, computed before anything was encoded; null when
 *                    the ask was cancelled before the media were decoded
 * @param timings     every stage's time
 * @param warnings    what was adjusted on the way (frames dropped or undecodable, images downscaled, ...)
 */
public record AskResult(GenerationResult generation, TokenLedger ledger, AskTimings timings, List<String> warnings) {
    public AskResult {
        warnings = List.copyOf(warnings);
    }

    public String text() {
        return generation.text();
    }

    public FinishReason finishReason() {
        return generation.finishReason();
    }
}
