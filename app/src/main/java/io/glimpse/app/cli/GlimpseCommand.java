package io.glimpse.app.cli;

import picocli.CommandLine.Command;

/** The {@code glimpse} command and its subcommands. */
@Command(name = "glimpse", mixinStandardHelpOptions = true, version = "glimpse 0.1.0",
        description = "Local workbench for image and video question answering with small vision-language models.",
        subcommands = {ProbeCommand.class, FramesCommand.class, PlanCommand.class, ProfilesCommand.class, GenerateCommand.class,
                AskCommand.class, TokenizeCommand.class, ImportCommand.class, MakeTestModelCommand.class, SampleVideoCommand.class,
                DemoCommand.class, BenchCommand.class, WindowCommand.class, HistoryCommand.class,
                OcrCommand.class, BatchCommand.class, SweepCommand.class, CompareCommand.class,
                ServeCommand.class})
public final class GlimpseCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (probe, frames, demo, ...)");
    }
}
