package io.glimpse.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The batch's progress on stderr: "[3/10] 30% eta 0:42 clip.mp4". On a terminal one line rewritten
 * in place; otherwise a plain line per job (logs and pipes get no carriage returns).
 */
final class BatchProgress {
    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int width;

    BatchProgress(PrintWriter err, int total, boolean terminal) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
    }

    void starting(int doneSoFar, String id) {
        String eta = "";
        if (doneSoFar > 0) {
            double perJob = (System.nanoTime() - start) / 1e9 / doneSoFar;
            long left = Math.round(perJob * (total - doneSoFar));
            eta = String.format(Locale.ROOT, " eta %d:%02d", left / 60, left % 60);
        }
        String line = String.format(Locale.ROOT, "[%d/%d] %3d%%%s %s", doneSoFar + 1, total, total == 0 ? 100 : 100 * doneSoFar / total, eta, id);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
        } else {
            err.println("glimpse: " + line);
        }
        err.flush();
    }

    void finished(int done) {
        // the next "starting" shows it; nothing to print per finished job
    }

    void end() {
        if (terminal && width > 0) {
            err.println();
        }
    }
}
