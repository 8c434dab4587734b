package io.glimpse.app.cli;

import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C (SIGINT) for a command that prints a result when it is cancelled: the signal trips the
 * command's {@link CancelToken}, waits up to {@link #GRACE_MS} for the command to print its cancelled
 * result and flush, then ends the process at once with the command's exit code
 * ({@link Runtime#halt}), so no shutdown work (closing ONNX Runtime sessions, FFmpeg, hooks of other
 * libraries) adds to the time from the signal to the exit.
 *
 * <p>Why a signal handler rather than a shutdown hook: a hook runs while the JVM is already shutting
 * down, concurrently with every other hook, and the main thread cannot {@code System.exit} from there
 * (it would block for ever); the result was lost when the hook returned before the main thread had
 * printed it. With {@code sun.misc.Signal} (jdk.unsupported, in every JDK since 1.4; Java has no
 * public API for it) nothing shuts down until this class decides to.
 *
 * <p>Exactly one party prints: the command claims the output with {@link #claimOutput()} before it
 * prints its result; if the grace period ends before it has (a stage that cannot stop, such as a model
 * still loading), the handler claims it and prints the fallback result instead. Thread-safe: the
 * handler runs on the JVM's signal thread, the rest on the command's thread.
 */
final class InterruptExit implements AutoCloseable {
    /** How long the handler waits for the command's result: 200 ms from signal to exit, minus the exit. */
    static final long GRACE_MS = 150;
    /**
     * How long a claimed printing may still take once the grace period is over. Generous: the
     * command is writing its result, and a result cut off by the halt (a busy machine can take a
     * second for a large JSON object) would break the contract that the result is always printed.
     */
    private static final long PRINTING_MS = 2000;

    private static final Signal INT = new Signal("INT");

    private final CancelToken cancel;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<PrintWriter> fallback;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch printed = new CountDownLatch(1);
    private volatile int exitCode = Main.EXIT_CANCELLED;
    private final SignalHandler previous;

    /**
     * Installs the handler until {@link #close}.
     *
     * @param fallback prints the result when the command has none by the end of the grace period
     */
    InterruptExit(CancelToken cancel, PrintWriter out, PrintWriter err, Consumer<PrintWriter> fallback) {
        this.cancel = cancel;
        this.out = out;
        this.err = err;
        this.fallback = fallback;
        this.previous = Signal.handle(INT, this::onSignal);
    }

    /**
     * Called by the command just before it prints its result; false when the handler has already
     * printed the fallback (the process is about to end: print nothing).
     */
    boolean claimOutput() {
        return claimed.compareAndSet(false, true);
    }

    /** Called by the command once its result is printed and flushed, with the exit code it will return. */
    void printed(int code) {
        exitCode = code;
        printed.countDown();
    }

    /** Whether a SIGINT arrived. */
    boolean signalled() {
        return signalled.get();
    }

    private void onSignal(Signal s) {
        if (!signalled.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(Main.EXIT_CANCELLED); // a second Ctrl+C: out now
        }
        cancel.cancel();
        try {
            if (!printed.await(GRACE_MS, TimeUnit.MILLISECONDS)) {
                if (claimOutput()) {
                    fallback.accept(out);
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(Main.EXIT_CANCELLED);
                }
                printed.await(PRINTING_MS, TimeUnit.MILLISECONDS); // the command is printing: let it finish
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /** Restores the previous handler (after a run that ended without a signal, Ctrl+C exits as usual). */
    @Override
    public void close() {
        if (!signalled.get()) {
            Signal.handle(INT, previous);
        }
    }
}
