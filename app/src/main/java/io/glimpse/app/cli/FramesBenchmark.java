package io.glimpse.app.cli;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.SyntheticVideo;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Sampling N uniform frames from a long 720p H.264 file, side by side with the ffmpeg command line
 * (one input-seeking invocation per frame, the usual way to grab frames with it) and with decoding
 * every frame; peak resident memory of a fresh JVM doing the sampling.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Sample N uniform frames of a long 1280x720 30 fps H.264 video: glimpse vs the ffmpeg command line vs decoding every frame.")
final class FramesBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "10", description = "length of the generated video (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--count", defaultValue = "32", description = "frames to sample (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds of each contender, best kept (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--gop-seconds", defaultValue = "1", description = "keyframe interval of the generated video; phones record with about 1 s (default: ${DEFAULT-VALUE})")
    double gopSeconds;

    @Option(names = "--cache", paramLabel = "DIR", description = "where the generated video is kept (default: ~/.cache/glimpse/bench)")
    Path cache;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "the ffmpeg command line to compare with (default: ${DEFAULT-VALUE})")
    String ffmpeg;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "glimpse", "bench");
        Files.createDirectories(dir);
        int gop = (int) Math.max(1, Math.round(gopSeconds * 30));
        Path video = dir.resolve(String.format(Locale.ROOT, "bench-1280x720-30fps-%dmin-gop%d.mp4", minutes, gop));
        if (!Files.exists(video)) {
            out.printf("generating %s (once; cached)...%n", video);
            out.flush();
            Path tmp = dir.resolve(video.getFileName() + ".part");
            SyntheticVideo.write(tmp, SyntheticVideo.Spec.of(1280, 720, 30, minutes * 60 * 30).withGop(gop), CancelToken.NONE, ProgressListener.NONE);
            Files.move(tmp, video);
        }
        VideoInfo info = VideoProbe.probe(video);
        SamplingPlan plan = SamplingPlan.of(info, SamplingRequest.of(new FrameSelection.Count(count)));
        out.printf(Locale.ROOT, "video: %s, %.0f s, %d frames, keyframe every %d frames; sampling %d uniform frames%n",
                video.getFileName(), info.durationSeconds(), info.frameCount(), gop, plan.indices().size());

        Path work = Files.createTempDirectory("glimpse-bench");
        double glimpseWarm = Double.MAX_VALUE;
        double glimpseCold = Double.MAX_VALUE;
        double ffmpegCli = Double.MAX_VALUE;
        long peakRssKb = 0;
        boolean haveFfmpeg = ffmpegWorks();
        for (int r = 0; r < rounds; r++) {
            glimpseWarm = Math.min(glimpseWarm, timeInProcess(video));
            Child.Result child = runChild(video, work.resolve("glimpse-" + r));
            glimpseCold = Math.min(glimpseCold, child.seconds);
            peakRssKb = Math.max(peakRssKb, child.peakRssKb);
            if (haveFfmpeg) {
                ffmpegCli = Math.min(ffmpegCli, timeFfmpeg(video, plan, info.averageFps(), work.resolve("ffmpeg-" + r)));
            }
        }
        long start = System.nanoTime();
        long decoded = FrameSampler.decodeEveryFrame(video, CancelToken.NONE);
        double decodeAll = (System.nanoTime() - start) / 1e9;

        out.printf(Locale.ROOT, "glimpse, in process (decode + RGB, in memory):      %8.3f s%n", glimpseWarm);
        out.printf(Locale.ROOT, "glimpse frames, fresh JVM, %d PNGs written:          %8.3f s (peak RSS %d MB)%n",
                plan.indices().size(), glimpseCold, peakRssKb / 1024);
        if (haveFfmpeg) {
            out.printf(Locale.ROOT, "ffmpeg -ss T -i FILE -frames:v 1 x%d, PNGs written: %8.3f s%n", plan.indices().size(), ffmpegCli);
        } else {
            out.printf("ffmpeg command line not found ('%s'): install it (apt-get install ffmpeg) for the comparison%n", ffmpeg);
        }
        out.printf(Locale.ROOT, "decoding every frame (%d frames, no RGB):          %8.3f s%n", decoded, decodeAll);
        out.println("ratios (best of " + rounds + " rounds):");
        if (haveFfmpeg) {
            out.printf(Locale.ROOT, "  glimpse fresh JVM / ffmpeg CLI (both write PNGs): %.2fx  (target <= 1.0)%n", glimpseCold / ffmpegCli);
            out.printf(Locale.ROOT, "  glimpse in process / ffmpeg CLI:                  %.2fx%n", glimpseWarm / ffmpegCli);
        }
        out.printf(Locale.ROOT, "  decode every frame / glimpse in process:          %.1fx faster (target >= 20)%n", decodeAll / glimpseWarm);
        out.printf(Locale.ROOT, "  peak RSS of the fresh JVM:                        %d MB (target <= 400)%n", peakRssKb / 1024);
        return 0;
    }

    private double timeInProcess(Path video) throws MediaException {
        long start = System.nanoTime();
        int[] n = {0};
        FrameSampler.sample(video, SamplingRequest.of(new FrameSelection.Count(count)), f -> n[0]++,
                CancelToken.NONE, ProgressListener.NONE);
        return (System.nanoTime() - start) / 1e9;
    }

    private Child.Result runChild(Path video, Path outDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        // the child runs with this JVM's flags (the launcher's GC choice), as `glimpse frames` would
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "frames-child", video.toString(), "--count", Integer.toString(count), "--out", outDir.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("benchmark child failed: " + text);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Child.Result(seconds, Long.parseLong(text.substring(text.lastIndexOf(' ') + 1)));
    }

    private boolean ffmpegWorks() {
        try {
            return new ProcessBuilder(ffmpeg, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private double timeFfmpeg(Path video, SamplingPlan plan, double fps, Path outDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        long start = System.nanoTime();
        for (long index : plan.indices()) {
            String t = String.format(Locale.ROOT, "%.6f", index / fps);
            Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-ss", t, "-i", video.toString(),
                    "-frames:v", "1", outDir.resolve("frame-" + index + ".png").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed at " + t + " s");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs {@code glimpse frames} in this fresh JVM and prints its peak resident memory (kB). */
    @Command(name = "frames-child", hidden = true)
    static final class Child implements Callable<Integer> {
        record Result(double seconds, long peakRssKb) {
        }

        @Spec
        CommandSpec spec;

        @Parameters
        Path video;

        @Option(names = "--count")
        int count;

        @Option(names = "--out")
        Path out;

        @Override
        public Integer call() throws IOException {
            int code = spec.commandLine().getParent().getParent().execute("frames", video.toString(), "--count",
                    Integer.toString(count), "--out", out.toString(), "--json");
            if (code != 0) {
                return code;
            }
            long peak = BenchChildren.peakRssKb();
            if (peak >= 0) {
                System.out.println("peakRssKb " + peak);
            }
            return 0;
        }
    }
}
