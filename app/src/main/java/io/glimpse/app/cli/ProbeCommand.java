package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.media.MediaException;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Print a video's properties: duration, frame rates, frame count, size, rotation, codec, audio.")
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the video file")
    Path file;

    @Option(names = "--json", description = "print one JSON object (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws MediaException {
        VideoInfo v = VideoProbe.probe(file);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = Json.object();
            n.put("file", file.toString());
            n.setAll(Json.video(v));
            out.println(Json.write(n));
        } else {
            out.println(Text.describe(file, v));
        }
        return 0;
    }
}
