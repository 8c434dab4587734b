package io.glimpse.app.cli;

import picocli.CommandLine.Command;

/** Benchmarks that print figures (never timed unit tests: these machines are shared and noisy). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures measured side by side in one run.",
        subcommands = {FramesBenchmark.class, GenerateBenchmark.class, PlanBenchmark.class, AskBenchmark.class, ImportBenchmark.class,
                HistoryBenchmark.class, OcrBenchmark.class, BatchBenchmark.class, ServeCommand.Bench.class,
                FramesBenchmark.Child.class, ImportBenchChildren.ImportChild.class, ImportBenchChildren.RunChild.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a benchmark: frames, generate, plan, ask, import, history, ocr or batch");
    }
}
