package io.glimpse.app.cli;

import io.glimpse.inference.importer.ImportListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints an import's progress on stderr, at most twice a second and once at the end: tensors, bytes
 * and an ETA from the bytes rate so far. Runs on the importing thread. Not thread-safe.
 */
final class ImportProgressPrinter implements ImportListener {
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint = Long.MIN_VALUE;

    ImportProgressPrinter(PrintWriter err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public void progress(Progress p) {
        long now = clock.getAsLong();
        boolean done = p.tensorsDone() == p.tensorsTotal();
        if (!done && lastPrint != Long.MIN_VALUE && now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        err.println(line(p, (now - start) / 1e9));
        err.flush();
    }

    /** {@code glimpse: import 12/47 tensors, 1.2/4.0 MB, ETA 3 s}. */
    static String line(Progress p, double elapsedSeconds) {
        String eta = p.tensorsDone() == p.tensorsTotal() ? "done" : "ETA " + eta(p.bytesDone(), p.bytesTotal(), elapsedSeconds);
        return String.format(Locale.ROOT, "glimpse: import %d/%d tensors, %.1f/%.1f MB, %s", p.tensorsDone(), p.tensorsTotal(),
                p.bytesDone() / 1e6, p.bytesTotal() / 1e6, eta);
    }

    /** Seconds left at the bytes rate so far, as {@code 42 s} or {@code 3 min 5 s}; {@code ?} before any byte is done. */
    static String eta(long done, long total, double elapsedSeconds) {
        long left = Progress.secondsLeft(done, total, elapsedSeconds);
        if (left < 0) {
            return "?";
        }
        return left < 60 ? left + " s" : left / 60 + " min " + left % 60 + " s";
    }
}
