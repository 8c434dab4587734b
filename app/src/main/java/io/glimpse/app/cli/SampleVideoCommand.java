package io.glimpse.app.cli;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.SyntheticVideo;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sample-video", mixinStandardHelpOptions = true,
        description = "Write a test-pattern H.264 MP4 whose frames show their own number (as digits and a barcode).")
final class SampleVideoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "OUT", description = "the .mp4 file to write")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x360", description = "frame size (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--fps", defaultValue = "30", description = "frame rate (default: ${DEFAULT-VALUE})")
    double fps;

    @Option(names = "--seconds", defaultValue = "10", description = "length (default: ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws MediaException {
        String[] wh = size.split("x");
        if (wh.length != 2) {
            throw new Main.UsageException("--size must look like 640x360, got '" + size + "'");
        }
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        if (w < 16 || h < 16 || w % 2 != 0 || h % 2 != 0 || !(fps > 0) || !(seconds > 0)) {
            throw new Main.UsageException("size must be even and at least 16x16, fps and seconds positive");
        }
        int frames = (int) Math.round(seconds * fps);
        SyntheticVideo.write(out, SyntheticVideo.Spec.of(w, h, fps, frames), CancelToken.NONE, ProgressListener.NONE);
        // what was written, so a script or a person sees it worked (the figures are the file's, probed back)
        VideoInfo v = VideoProbe.probe(out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frames, %dx%d, %.3f s at %s fps, %s%n",
                out, v.frameCount(), v.displayWidth(), v.displayHeight(), v.durationSeconds(), Text.number(fps), Text.bytes(sizeOf(out)));
        return 0;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }
}
