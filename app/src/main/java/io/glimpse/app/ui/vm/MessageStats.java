package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.engine.AnswerResult;
import java.util.Locale;

/**
 * The figures under a model message, as text: generated tokens, time to first token, tokens/s and
 * finish reason; and the live line while one streams. A figure that was never measured (a run
 * stopped before its first token) reads "—", never "0 ms".
 */
public final class MessageStats {
    static final String NONE = "—";

    private MessageStats() {
    }

    /** E.g. "24 tokens · first token 114 ms · 300.0 tok/s · length". */
    public static String of(AnswerResult r) {
        boolean firstToken = r.generatedTokens() > 0;
        String ttft = firstToken ? String.format(Locale.ROOT, "%.0f ms", r.timeToFirstTokenMs()) : NONE;
        // the speed is measured after the first token: undefined with fewer than two
        String tps = firstToken && r.tokensPerSecond() > 0 && Double.isFinite(r.tokensPerSecond())
                ? String.format(Locale.ROOT, "%.1f", r.tokensPerSecond()) : NONE;
        return String.format(Locale.ROOT, "%d %s · first token %s · %s tok/s · %s", r.generatedTokens(),
                r.generatedTokens() == 1 ? "token" : "tokens", ttft, tps, r.finishReason().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Tokens per second since the first piece (each streamed piece is one token), or NaN before
     * there are two pieces to time.
     */
    public static double rate(int pieces, long firstPieceNanos, long nowNanos) {
        if (pieces < 2 || nowNanos <= firstPieceNanos) {
            return Double.NaN;
        }
        return (pieces - 1) / ((nowNanos - firstPieceNanos) / 1e9);
    }

    /** The streaming line, e.g. "generation…  42 tokens · 296.3 tok/s", or "preprocess…" before the first token. */
    public static String live(String stage, int pieces, double rate) {
        if (pieces == 0) {
            return stage + "…";
        }
        return String.format(Locale.ROOT, "%s…  %d %s · %s tok/s", stage, pieces, pieces == 1 ? "token" : "tokens",
                Double.isNaN(rate) ? NONE : String.format(Locale.ROOT, "%.1f", rate));
    }
}
