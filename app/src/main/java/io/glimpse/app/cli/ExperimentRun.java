package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.app.experiment.Experiment;
import io.glimpse.app.experiment.ExperimentTable;
import io.glimpse.app.experiment.Outcome;
import io.glimpse.app.experiment.Point;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the points of {@code sweep} or {@code compare}: progress on stderr, every run recorded under
 * one group id, Ctrl+C stopping the running point and the rest (what ran is still printed, exit 130).
 */
final class ExperimentRun {
    private ExperimentRun() {
    }

    /** Prints the outcomes: the table or the JSON, with the group they are recorded under (null: not recorded). */
    interface Printer {
        void print(PrintWriter out, String group, List<Outcome> outcomes);
    }

    /**
     * @param print prints the outcomes (the table or the JSON) to out; also used by the signal handler
     * @return the exit code: 0, 1 when a run failed, 130 after a cancel
     */
    static int run(ExperimentOptions o, String kind, List<Point> points, PrintWriter out, PrintWriter err,
                   Printer print) throws IOException {
        long now = System.currentTimeMillis();
        String group = Experiment.groupId(kind, now);
        CancelToken cancel = new CancelToken();
        List<Outcome> done = Collections.synchronizedList(new ArrayList<>());
        HistoryStore store = null;
        if (!o.noRecord) {
            try {
                store = HistoryStore.open(HistoryStore.configuredFile());
                store.notices().forEach(n -> err.println("glimpse: " + n));
            } catch (RuntimeException e) { // the runs still go ahead, unrecorded
                err.println("glimpse: warning: the runs will not be recorded in the history: " + e.getMessage());
            }
        }
        String recordedAs = store == null ? null : group;
        try (InterruptExit interrupt = new InterruptExit(cancel, out, err, w -> print.print(w, recordedAs, List.copyOf(done)))) {
            Experiment e = new Experiment(o.runtime.options(), store, "ask");
            e.run(points, recordedAs, new Experiment.Listener() {
                @Override
                public void started(int index, Point p) {
                    err.println("glimpse: [" + (index + 1) + "/" + points.size() + "] " + p.label() + "...");
                    err.flush();
                }

                @Override
                public void finished(int index, Outcome outcome) {
                    done.add(outcome);
                    if (outcome.error() != null) {
                        err.println("glimpse: " + outcome.point().label() + " failed: " + outcome.error());
                    }
                }
            }, cancel);
            if (!interrupt.claimOutput()) {
                return Main.EXIT_CANCELLED;
            }
            List<Outcome> outcomes = List.copyOf(done);
            print.print(out, recordedAs, outcomes);
            out.flush();
            if (o.csv != null) {
                Files.writeString(o.csv, ExperimentTable.csv(outcomes), StandardCharsets.UTF_8);
            }
            if (store != null) {
                List<Long> ids = outcomes.stream().map(Outcome::recordId).filter(id -> id != 0).toList();
                if (!ids.isEmpty()) {
                    err.println("glimpse: recorded as runs " + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                            + " in the group '" + group + "' (glimpse history show ID)");
                }
            }
            err.flush();
            int code = cancel.isCancelled() || outcomes.stream().anyMatch(x -> x.finishReason().equals("cancelled"))
                    ? Main.EXIT_CANCELLED : outcomes.stream().anyMatch(x -> x.error() != null) ? 1 : 0;
            interrupt.printed(code);
            return code;
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The outcomes as JSON: the group, then one object per run (docs/cli.md). */
    static ObjectNode json(String kind, String group, List<Outcome> outcomes) {
        ObjectNode n = Json.object();
        n.put("kind", kind);
        n.put("group", group);
        ArrayNode runs = n.putArray("runs");
        for (Outcome x : outcomes) {
            ObjectNode r = runs.addObject();
            r.put("label", x.point().label());
            if (x.point().budget() != null) {
                r.put("budget", x.point().budget());
            }
            ArrayNode frames = r.putArray("framesPerVideo");
            x.frames().forEach(frames::add);
            r.put("maxGrids", x.grids());
            r.put("visualTokens", x.visualTokens());
            r.put("promptTokens", x.promptTokens());
            r.put("generatedTokens", x.generatedTokens());
            if (x.ttftMs() == null) {
                r.putNull("ttftMs");
            } else {
                r.put("ttftMs", x.ttftMs());
            }
            r.put("totalMs", x.totalMs());
            if (x.tokensPerSecond() == null) {
                r.putNull("tokensPerSecond");
            } else {
                r.put("tokensPerSecond", x.tokensPerSecond());
            }
            r.put("finishReason", x.finishReason());
            r.put("answer", x.answer());
            r.put("error", x.error());
            if (x.recordId() != 0) {
                r.put("runId", x.recordId());
            }
        }
        return n;
    }
}
