package io.glimpse.app.cli;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunExport;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glimpse history list|show|export|rm}: the recorded runs. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "The recorded runs (every ask, generate and window run): list, show, export, rm.",
        subcommands = {HistoryCommand.List.class, HistoryCommand.Show.class, HistoryCommand.Export.class, HistoryCommand.Remove.class,
                HistoryCommand.Rerun.class})
final class HistoryCommand implements Runnable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "the history file (default: $XDG_DATA_HOME/glimpse/history.db)")
    Path db;

    @Override
    public void run() {
        throw new Main.UsageException("name what to do: glimpse history list|show ID|export ID|rm ID");
    }

    HistoryStore open(PrintWriter err) {
        HistoryStore h = HistoryStore.open(db != null ? db : HistoryStore.defaultFile());
        h.notices().forEach(n -> err.println("glimpse: " + n));
        return h;
    }

    static RunRecord record(HistoryStore h, long id) {
        return h.get(id).orElseThrow(() -> new Main.UsageException("no run " + id + " in " + h.file() + " (glimpse history list shows the ids)"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The runs, newest first, optionally searched and filtered.")
    static final class List implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Option(names = "--search", paramLabel = "TEXT", description = "text in the question, answer, model folder or media names")
        String search;

        @Option(names = "--model", paramLabel = "DIR", description = "only runs of this model folder")
        Path model;

        @Option(names = "--media", paramLabel = "NAME", description = "only runs whose media names contain this")
        String media;

        @Option(names = "--group", paramLabel = "GROUP", description = "only the runs of one compare, sweep, batch or rerun group")
        String group;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "most runs to list (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--csv", description = "print the runs as CSV")
        boolean csv;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            try (HistoryStore h = parent.open(parent.spec.commandLine().getErr())) {
                java.util.List<RunSummary> rows = h.search(new HistoryQuery(search,
                        model == null ? null : model.toAbsolutePath().normalize().toString(), media, group, limit));
                if (csv) {
                    out.print(RunExport.csv(rows));
                    return 0;
                }
                if (rows.isEmpty()) {
                    out.println("no runs" + (search == null && model == null && media == null && group == null ? " recorded yet in " + h.file()
                            : " match"));
                    return 0;
                }
                out.printf(Locale.ROOT, "%6s  %-16s  %-8s  %-7s  %6s  %8s  %s%n", "id", "when", "source", "finish", "tokens", "total", "question");
                for (RunSummary s : rows) {
                    out.printf(Locale.ROOT, "%6d  %-16s  %-8s  %-7s  %6s  %8s  %s%n", s.id(), WHEN.format(Instant.ofEpochMilli(s.createdMillis())),
                            s.source(), s.finishReason() == null ? "—" : s.finishReason().toLowerCase(Locale.ROOT),
                            s.promptTokens() == null ? "—" : s.promptTokens(), s.totalMs() == null ? "—" : String.format(Locale.ROOT, "%.0f ms", s.totalMs()),
                            shorten(s.question(), 60));
                }
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run in full (Markdown, or --json for the whole record).")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Option(names = "--json", description = "the whole record as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (HistoryStore h = parent.open(parent.spec.commandLine().getErr())) {
                RunRecord r = record(h, id);
                parent.spec.commandLine().getOut().println(json ? RunExport.json(r) : RunExport.markdown(id, r));
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes runs to a file: Markdown or JSON for one, CSV for several.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Parameters(index = "0..*", paramLabel = "ID", arity = "1..*")
        java.util.List<Long> ids;

        @Option(names = "--format", paramLabel = "md|json|csv", defaultValue = "md", description = "md (default), json or csv")
        String format;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            try (HistoryStore h = parent.open(parent.spec.commandLine().getErr())) {
                String text;
                switch (format.toLowerCase(Locale.ROOT)) {
                    case "md" -> {
                        if (ids.size() == 1) { // one run: the report with its media thumbnails beside it
                            var thumbs = io.glimpse.app.history.MarkdownExport.write(ids.get(0), record(h, ids.get(0)), out);
                            parent.spec.commandLine().getOut().println("wrote " + out + " (1 run" + (thumbs.isEmpty() ? ""
                                    : ", " + thumbs.size() + " thumbnail" + (thumbs.size() == 1 ? "" : "s") + " in "
                                    + thumbs.get(0).getParent().getFileName()) + ")");
                            return 0;
                        }
                        text = String.join("\n---\n\n", ids.stream().map(id -> RunExport.markdown(id, record(h, id))).toList());
                    }
                    case "json" -> text = ids.size() == 1 ? RunExport.json(record(h, ids.get(0)))
                            : "[" + String.join(",\n", ids.stream().map(id -> RunExport.json(record(h, id))).toList()) + "]";
                    case "csv" -> {
                        java.util.List<RunSummary> rows = new java.util.ArrayList<>();
                        for (long id : ids) {
                            record(h, id); // a missing id is an error, not a silent gap
                            h.search(HistoryQuery.all(Integer.MAX_VALUE)).stream().filter(s -> s.id() == id).forEach(rows::add);
                        }
                        text = RunExport.csv(rows);
                    }
                    default -> throw new Main.UsageException("--format must be md, json or csv, got '" + format + "'");
                }
                RunExport.write(out, text);
                parent.spec.commandLine().getOut().println("wrote " + out + " (" + ids.size() + " run" + (ids.size() == 1 ? "" : "s") + ")");
                return 0;
            }
        }
    }

    @Command(name = "rerun", mixinStandardHelpOptions = true,
            description = "Runs a recorded ask again exactly (the same files, frames, history, sampling and seed), records it, and says"
                    + " whether the answer is the same.")
    static final class Rerun implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @picocli.CommandLine.Mixin
        RuntimeMixin runtime;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            try (HistoryStore h = parent.open(err)) {
                RunRecord r = record(h, id);
                if (r.model() == null) {
                    throw new Main.UsageException("run " + id + " names no model folder, so it cannot be re-run");
                }
                if ("ask-remote".equals(r.source())) {
                    throw new Main.UsageException("run " + id + " was answered by the endpoint " + r.model().folder()
                            + "; history rerun runs local model folders (ask it again with glimpse ask --endpoint)");
                }
                io.glimpse.inference.vision.AskRequest request = io.glimpse.app.history.Reruns.request(h, r);
                Path folder = Path.of(r.model().folder());
                long started = System.currentTimeMillis();
                long t0 = System.nanoTime();
                try (var m = io.glimpse.inference.vision.VisionLanguageModel.open(folder, runtime.options())) {
                    double loadMs = (System.nanoTime() - t0) / 1e6;
                    String now = io.glimpse.app.history.RunRecords.model(folder, r.model().family()).filesHash();
                    if (!now.equals(r.model().filesHash())) {
                        err.println("glimpse: warning: the model folder's files changed since run " + id + " (another export or import?)");
                    }
                    var result = m.ask(request, io.glimpse.inference.vision.AskListener.NONE, new io.glimpse.media.CancelToken());
                    out.println(result.text());
                    RunRecord again = io.glimpse.app.history.AskRuns.ask(h, started, folder, r.model().family(), request, result, loadMs,
                            r.assumptions());
                    again = new RunRecord("rerun", "rerun of " + id, again.createdMillis(), again.model(), again.media(), again.system(),
                            again.history(), again.question(), again.sampling(), again.processor(), again.assumptions(), again.ledger(),
                            again.stages(), again.answer(), again.outcome());
                    long newId = h.add(again);
                    boolean same = result.text().equals(r.answer());
                    err.println("glimpse: recorded as run " + newId + "; the answer is " + (same ? "the same as" : "NOT the same as")
                            + " run " + id + "'s" + (same || Boolean.TRUE.equals(r.sampling().get("do_sample")) ? ""
                            : " (greedy: expected the same; a changed model folder or runtime could explain it)"));
                    return 0;
                }
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes runs from the history.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Parameters(index = "0..*", paramLabel = "ID", arity = "1..*")
        java.util.List<Long> ids;

        @Override
        public Integer call() {
            try (HistoryStore h = parent.open(parent.spec.commandLine().getErr())) {
                for (long id : ids) {
                    record(h, id);
                }
                ids.forEach(h::delete);
                parent.spec.commandLine().getOut().println("deleted " + ids.size() + " run" + (ids.size() == 1 ? "" : "s"));
                return 0;
            }
        }
    }

    private static String shorten(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
