package io.glimpse.app.cli;

import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.Stage;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long an ask takes to return after a cancel request that arrives a few milliseconds into
 * a given stage (the pipeline promises ≤ 200 ms at every stage). Used by {@code bench ask}.
 */
final class CancelLatency {
    private CancelLatency() {
    }

    /** Worst latency in milliseconds over {@code rounds} asks; NaN when the stage was never reached. */
    static double worst(VisionLanguageModel model, AskRequest request, Stage stage, int delayMs, int rounds) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "glimpse-bench-cancel");
            t.setDaemon(true);
            return t;
        });
        try {
            double worst = Double.NaN;
            for (int r = 0; r < rounds; r++) {
                CancelToken cancel = new CancelToken();
                AtomicLong cancelledAt = new AtomicLong();
                AskListener listener = new AskListener() {
                    @Override
                    public void onStage(Stage s, double fraction) {
                        if (s == stage && fraction == 0 && cancelledAt.get() == 0) {
                            cancelledAt.set(-1); // scheduled
                            timer.schedule(() -> {
                                cancelledAt.set(System.nanoTime());
                                cancel.cancel();
                            }, delayMs, TimeUnit.MILLISECONDS);
                        }
                    }
                };
                AskResult result = model.ask(request, listener, cancel);
                long returned = System.nanoTime();
                if (cancelledAt.get() > 0 && result.finishReason() == FinishReason.CANCELLED) {
                    double ms = (returned - cancelledAt.get()) / 1e6;
                    worst = Double.isNaN(worst) ? ms : Math.max(worst, ms);
                }
            }
            return worst;
        } finally {
            timer.shutdownNow();
        }
    }
}
