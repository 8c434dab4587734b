package io.glimpse.app.ui.vm;

import io.glimpse.inference.importer.ImportListener;
import io.glimpse.inference.importer.ImportReport;
import java.util.Locale;

/** The import pane's figures in words: sizes, parameter counts, progress and the ETA. Stateless. */
final class ImportFigures {
    private ImportFigures() {
    }

    /** Decimal units, as file managers and Hugging Face show sizes: "1.2 MB". */
    static String bytes(long n) {
        return n < 1000 ? n + " B" : scaled(n, "kB", "MB", "GB", "TB");
    }

    /** "292 K", "1.24 B", "12.9 B": the way model cards name sizes. */
    static String parameters(long n) {
        return n < 1000 ? String.valueOf(n) : scaled(n, "K", "M", "B", "T");
    }

    /** n ≥ 1000 in steps of 1000 with three significant digits: "1.23 X", "15.8 X", "292 X". */
    private static String scaled(long n, String... units) {
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** "12 / 48 tensors · 1.20 MB / 4.50 MB". */
    static String progress(ImportListener.Progress p) {
        return p.tensorsDone() + " / " + p.tensorsTotal() + " tensors · " + bytes(p.bytesDone()) + " / " + bytes(p.bytesTotal());
    }

    /**
     * The time left at the rate so far (bytes done per elapsed second): "ETA 1 min 05 s"; "ETA
     * unknown" before the first tensor, when there is no rate yet.
     */
    static String eta(long bytesDone, long bytesTotal, long elapsedNanos) {
        long s = ImportListener.Progress.secondsLeft(bytesDone, bytesTotal, elapsedNanos / 1e9);
        if (s < 0) {
            return "ETA unknown";
        }
        if (s < 60) {
            return "ETA " + s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "ETA %d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "ETA %d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** What the message strip says after an import: what, how, how big, how long, and what was assumed. */
    static String imported(ImportReport r) {
        return String.format(Locale.ROOT, "imported %s (%s parameters) as %s, %s ops: %s in %.1f s into %s; assumed: %s",
                r.architecture(), parameters(r.parameters()), r.precision().cliName(), r.ops().cliName(),
                bytes(r.totalBytes()), r.seconds(), r.folder(), String.join("; ", r.assumptions()));
    }
}
