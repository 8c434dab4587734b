package io.glimpse.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The headless tour: make a sample video, probe it, sample it, then write a generated model and show
 * what a question about the video costs (plan) and what the model answers (ask), all in one folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Write a 10 s sample video, probe it and sample 8 frames from it into a folder; then write a",
                "generated test model there, plan a question about the video and ask it (the model's answer is",
                "a fixed \"aaaa...\": it shows the pipeline, not a real model)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "glimpse-demo", description = "working folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        Path video = dir.resolve("sample.mp4");
        var cli = spec.commandLine();
        int code = run(cli, "sample-video", video.toString());
        if (code != 0) {
            return code;
        }
        code = run(cli, "probe", video.toString());
        if (code != 0) {
            return code;
        }
        Path frames = dir.resolve("frames");
        String count = "8";
        code = run(cli, "frames", video.toString(), "--count", count, "--out", frames.toString());
        if (code != 0) {
            return code;
        }
        // The probe model: deterministic, and its answer is plain letters (random weights answer raw bytes,
        // control characters included, which a terminal would interpret).
        Path model = dir.resolve("model");
        code = run(cli, "make-test-model", "--family", "hcx-vision-probe", "--out", model.toString(), "--force");
        if (code != 0) {
            return code;
        }
        String question = "What happens in this video?";
        code = run(cli, "plan", "--profile", "hcx-seed-vision-3b", "--model", model.toString(), "--video", video.toString(),
                "--count", count, "--reserve", "8", "--prompt", question);
        if (code != 0) {
            return code;
        }
        return run(cli, "ask", "--model", model.toString(), "--video", video.toString(), "--count", count,
                "--max-tokens", "8", "--greedy", question);
    }

    /** Echoes the command as a shell would show it, then runs it. */
    private static int run(picocli.CommandLine cli, String... args) {
        cli.getOut().println("$ glimpse " + java.util.Arrays.stream(args)
                .map(a -> a.matches("[\\w./:=+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(java.util.stream.Collectors.joining(" ")));
        cli.getOut().flush();
        return cli.getParent().execute(args);
    }
}
