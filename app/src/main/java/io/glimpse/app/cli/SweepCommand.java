package io.glimpse.app.cli;

import io.glimpse.app.experiment.Experiment;
import io.glimpse.app.experiment.ExperimentTable;
import io.glimpse.app.experiment.Outcome;
import io.glimpse.app.experiment.Point;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask one question about the same media at several visual-token budgets and compare the runs.",
                "For each budget the solver of 'glimpse plan --budget' chooses the frames and image grids; each point then runs",
                "(the model loads once) and is recorded in the run history under one group. Ctrl+C stops the sweep (exit 130)."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions options;

    @Option(names = "--budgets", required = true, split = ",", paramLabel = "N,N,...",
            description = "visual-token budgets, e.g. 256,512,1024,2048 (the most: the request's frames and grids)")
    List<Integer> budgets;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "the question")
    String question;

    @Override
    public Integer call() throws Exception {
        if (budgets.isEmpty() || budgets.stream().anyMatch(b -> b < 1)) {
            throw new Main.UsageException("--budgets must be positive token counts, got " + budgets);
        }
        List<Point> points;
        try {
            points = Experiment.sweep(options.model, options.request(question), budgets);
        } catch (IllegalArgumentException e) { // a budget too small, a folder without a processor
            throw new Main.UsageException(e.getMessage());
        }
        return ExperimentRun.run(options, "sweep", points, spec.commandLine().getOut(), spec.commandLine().getErr(), this::print);
    }

    private void print(PrintWriter out, String group, List<Outcome> outcomes) {
        if (options.json) {
            out.println(Json.write(ExperimentRun.json("sweep", group, outcomes)));
            return;
        }
        String row = "%8s %-10s %-7s %8s %8s %9s %9s %9s  %s%n";
        out.printf(row, "budget", "frames", "grids", "visual", "prompt", "ttft ms", "total ms", "tokens/s", "finish");
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, row, o.point().budget(), ExperimentTable.frames(o), ExperimentTable.grids(o), o.visualTokens(),
                    o.promptTokens(), ExperimentTable.ms(o.ttftMs()), ExperimentTable.ms(o.totalMs()),
                    ExperimentTable.rate(o.tokensPerSecond()), o.finishReason());
        }
    }
}
