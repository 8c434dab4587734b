package io.glimpse.app.cli;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * Records a command-line run in the run history after its result is printed. A history that cannot
 * be written costs a warning, never the run's exit code.
 */
final class RunRecording {
    private RunRecording() {
    }

    /** Adds the record {@code build} makes (given the open store, for its media-hash cache); returns its id, or 0. */
    static long record(PrintWriter err, Function<HistoryStore, RunRecord> build) {
        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            h.notices().forEach(n -> err.println("glimpse: " + n));
            long id = h.add(build.apply(h));
            err.println("glimpse: recorded as run " + id + " (glimpse history show " + id + ")");
            return id;
        } catch (RuntimeException e) { // HistoryException, or a record that cannot be built: the run's result stands

            err.println("glimpse: warning: this run was not recorded in the history: " + e.getMessage());
            return 0;
        }
    }
}
