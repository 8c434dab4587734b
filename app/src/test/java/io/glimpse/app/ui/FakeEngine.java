package io.glimpse.app.ui;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.media.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A test engine that streams "w0 w1 w2 ..." (one piece per token) at a fixed rate and reports
 * stages, so streaming, Stop and the diagnostics can be checked without a model. One run at a time.
 */
public final class FakeEngine implements AnswerEngine {
    private final int tokens;
    private final double tokensPerSecond;
    public volatile AnswerRequest lastRequest;
    /** Report these figures instead of measured ones (screenshots that do not change between runs). */
    public volatile boolean fixedTimings;

    public FakeEngine(int tokens, double tokensPerSecond) {
        this.tokens = tokens;
        this.tokensPerSecond = tokensPerSecond;
    }

    /** The text a full, uncancelled run produces. */
    public static String expected(int tokens) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            b.append(piece(i));
        }
        return b.toString();
    }

    static String piece(int i) {
        return (i == 0 ? "" : " ") + "w" + i;
    }

    @Override
    public String describe() {
        return "fake engine";
    }

    @Override
    public boolean acceptsMedia() {
        return true;
    }

    @Override
    public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) {
        lastRequest = request;
        long t0 = System.nanoTime();
        listener.onStage("prefill");
        double prefillEnd = (System.nanoTime() - t0) / 1e6;
        listener.onStage("generation");
        StringBuilder text = new StringBuilder();
        long period = (long) (1e9 / tokensPerSecond);
        long next = System.nanoTime();
        int n = 0;
        double ttft = 0;
        FinishReason reason = FinishReason.LENGTH;
        for (; n < Math.min(tokens, request.maxNewTokens()); n++) {
            if (cancel.isCancelled()) {
                reason = FinishReason.CANCELLED;
                break;
            }
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String p = piece(n);
            text.append(p);
            listener.onText(p);
            listener.onProgress("generation", (n + 1.0) / Math.min(tokens, request.maxNewTokens()));
            if (n == 0) {
                ttft = (System.nanoTime() - t0) / 1e6;
            }
        }
        double total = (System.nanoTime() - t0) / 1e6;
        List<StageTime> stages = new ArrayList<>();
        stages.add(new StageTime("prefill", 0, prefillEnd));
        stages.add(new StageTime("generation", prefillEnd, total - prefillEnd));
        double tps = n > 1 ? (n - 1) / ((total - ttft) / 1000) : 0;
        if (fixedTimings) {
            stages = List.of(new StageTime("decode", 0, 14), new StageTime("preprocess", 14, 9), new StageTime("encode", 23, 61),
                    new StageTime("prefill", 84, 27), new StageTime("generation", 111, n * 1000.0 / tokensPerSecond));
            ttft = 114;
            tps = tokensPerSecond;
        }
        return new AnswerResult(text.toString(), reason, promptTokens(request), n, ttft, tps, stages, null);
    }

    /** The fake's prompt size: words of the question and of every earlier turn. */
    public static int promptTokens(AnswerRequest request) {
        int n = request.prompt().split(" ").length;
        for (var m : request.history()) {
            n += m.content().split(" ").length;
        }
        return n;
    }
}
