package io.glimpse.app.cli;

import io.glimpse.app.experiment.Experiment;
import io.glimpse.app.experiment.ExperimentTable;
import io.glimpse.app.experiment.Outcome;
import io.glimpse.app.experiment.Point;
import io.glimpse.app.experiment.Variant;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run 2 to 4 variants of one request in turn on the same media and print the results side by side",
                "(rows that differ are marked *). A variant is key=value pairs separated by ';', e.g. \"count=8\" or",
                "\"grids=2; ocr=off; name=small\"; keys: " + "count, fps, max-frames, grids, budget, ocr, prompt, system, temperature,",
                "top-k, top-p, seed, greedy, max-tokens, model, name (docs/cli.md). Each run is recorded under one group."})
final class CompareCommand implements Callable<Integer> {
    static final int WIDTH = 24;

    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions options;

    @Option(names = "--variant", required = true, paramLabel = "K=V;...", description = "a variant of the request (2 to 4)")
    List<String> variants;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "the question")
    String question;

    @Override
    public Integer call() throws Exception {
        if (variants.size() < 2 || variants.size() > 4) {
            throw new Main.UsageException("give 2 to 4 --variant options, got " + variants.size());
        }
        List<Point> points;
        try {
            List<Variant> parsed = new ArrayList<>();
            for (String v : variants) {
                parsed.add(Variant.parse(v));
            }
            points = Experiment.compare(options.model, options.request(question), parsed);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        return ExperimentRun.run(options, "compare", points, spec.commandLine().getOut(), spec.commandLine().getErr(), this::print);
    }

    private void print(PrintWriter out, String group, List<Outcome> outcomes) {
        if (options.json) {
            out.println(Json.write(ExperimentRun.json("compare", group, outcomes)));
            return;
        }
        row(out, "", outcomes, o -> o.point().label(), false);
        row(out, "frames", outcomes, ExperimentTable::frames, true);
        row(out, "grids", outcomes, ExperimentTable::grids, true);
        row(out, "visual tokens", outcomes, o -> String.valueOf(o.visualTokens()), true);
        row(out, "prompt tokens", outcomes, o -> String.valueOf(o.promptTokens()), true);
        row(out, "generated", outcomes, o -> String.valueOf(o.generatedTokens()), true);
        row(out, "ttft ms", outcomes, o -> ExperimentTable.ms(o.ttftMs()), false);
        row(out, "total ms", outcomes, o -> ExperimentTable.ms(o.totalMs()), false);
        row(out, "tokens/s", outcomes, o -> ExperimentTable.rate(o.tokensPerSecond()), false);
        row(out, "finish", outcomes, Outcome::finishReason, true);
        row(out, "answer", outcomes, o -> o.answer().strip().replaceAll("\\s+", " "), true);
        for (Outcome o : outcomes) {
            out.println();
            out.println("== " + o.point().label() + (o.recordId() == 0 ? "" : " (run " + o.recordId() + ")"));
            out.println(o.error() != null ? "error: " + o.error() : o.answer().strip());
        }
    }

    /** One row, a cell per variant cut to the column width; '*' marks a row whose values differ (timings always do). */
    private static void row(PrintWriter out, String name, List<Outcome> outcomes, Function<Outcome, String> cell, boolean mark) {
        List<String> cells = outcomes.stream().map(cell).toList();
        boolean differs = mark && cells.stream().distinct().count() > 1;
        StringBuilder b = new StringBuilder(String.format("%-2s%-14s", differs ? "*" : "", name));
        for (String c : cells) {
            String shown = c.length() > WIDTH - 1 ? c.substring(0, WIDTH - 2) + "…" : c;
            b.append(String.format("%-" + WIDTH + "s", shown));
        }
        out.println(b.toString().stripTrailing());
    }
}
