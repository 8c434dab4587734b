package io.glimpse.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The main job until the workbench window exists: make a sample video, probe it, sample it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Write a 10 s sample video, probe it and sample 8 frames from it into a folder.")
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
        var out = cli.getOut();
        out.println("$ glimpse sample-video " + video);
        int code = cli.getParent().execute("sample-video", video.toString());
        if (code != 0) {
            return code;
        }
        out.println("$ glimpse probe " + video);
        cli.getParent().execute("probe", video.toString());
        Path frames = dir.resolve("frames");
        out.println("$ glimpse frames " + video + " --count 8 --out " + frames);
        return cli.getParent().execute("frames", video.toString(), "--count", "8", "--out", frames.toString());
    }
}
