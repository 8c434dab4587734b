package io.glimpse.app.ui.service;

import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs slow work (decoding, probing, model loading, generation) off the UI thread and hands the
 * outcome back on it. Every job gets its own {@link CancelToken}; a cancelled job's outcome is
 * dropped, so a stale result never overwrites a newer one.
 *
 * <p>Thread-safe. The {@code ui} executor is {@code Platform::runLater} in the window and a direct
 * executor in view-model tests (which then need no toolkit). Owns the worker executor (close it).
 */
public final class TaskRunner implements AutoCloseable {
    private final Executor workers;
    private final Executor ui;
    private final Runnable shutdown;
    private final AtomicInteger running = new AtomicInteger();
    private volatile IntConsumer runningListener = n -> { };

    public TaskRunner(Executor workers, Executor ui, Runnable shutdown) {
        this.workers = workers;
        this.ui = ui;
        this.shutdown = shutdown;
    }

    /** Background daemon threads; outcomes delivered through {@code ui}. */
    public static TaskRunner background(Executor ui, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "glimpse-worker");
            t.setDaemon(true);
            return t;
        });
        return new TaskRunner(pool, ui, () -> {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS); // let a cancelled answer leave the model before it is closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs everything on the calling thread: for view-model tests. */
    public static TaskRunner inline() {
        return new TaskRunner(Runnable::run, Runnable::run, () -> { });
    }

    /** Work that may poll its cancel token. */
    @FunctionalInterface
    public interface Work<T> {
        T run(CancelToken cancel) throws Exception;
    }

    /** A submitted job: cancel it, or ask whether it finished. */
    public static final class Job {
        private final CancelToken cancel = new CancelToken();
        private volatile boolean done;

        public void cancel() {
            cancel.cancel();
        }

        public boolean isCancelled() {
            return cancel.isCancelled();
        }

        public boolean isDone() {
            return done;
        }

        public CancelToken token() {
            return cancel;
        }
    }

    /** Called on the UI thread with the number of jobs running, whenever it changes (for a progress indicator). */
    public void onRunningChanged(IntConsumer listener) {
        this.runningListener = listener;
    }

    public int running() {
        return running.get();
    }

    /** Runs {@code work} in the background; exactly one of the callbacks runs on the UI thread unless the job was cancelled. */
    public <T> Job submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Job job = new Job();
        changeRunning(+1);
        workers.execute(() -> {
            T value = null;
            Throwable failure = null;
            try {
                value = work.run(job.cancel);
            } catch (CancelledException e) {
                job.cancel.cancel(); // cancelled from inside: report nothing
            } catch (Throwable t) {
                failure = t;
            }
            T v = value;
            Throwable f = failure;
            ui.execute(() -> {
                job.done = true;
                changeRunningOnUi(-1);
                if (job.isCancelled()) {
                    return;
                }
                if (f != null) {
                    onFailure.accept(f);
                } else {
                    onSuccess.accept(v);
                }
            });
        });
        return job;
    }

    private void changeRunning(int delta) {
        int n = running.addAndGet(delta);
        ui.execute(() -> runningListener.accept(n));
    }

    private void changeRunningOnUi(int delta) {
        runningListener.accept(running.addAndGet(delta));
    }

    /** Hands {@code action} to the UI thread (for progress reported from work). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    @Override
    public void close() {
        shutdown.run();
    }

    /** Keeps only the newest job of one kind alive: submitting cancels the previous one (latest request wins). */
    public static final class Latest {
        private Job current;

        /** Must be called on the UI thread. */
        public synchronized <T> Job submit(TaskRunner runner, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            cancel();
            current = runner.submit(work, onSuccess, onFailure);
            return current;
        }

        public synchronized void cancel() {
            if (current != null && !current.isDone()) {
                current.cancel();
            }
        }
    }
}
