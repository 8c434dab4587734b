package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.DroppedFrame;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SampledFrame;
import io.glimpse.media.video.SamplingReport;
import io.glimpse.media.video.SamplingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "frames", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample frames from a video exactly as a model would see them (upright, RGB) and write them as images.",
                "Without --count, --fps or --at: --count 8."})
final class FramesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the video file")
    Path file;

    @Option(names = "--count", paramLabel = "N", description = "N frames spread evenly over the range: indices round(linspace(first, last, N))")
    Integer count;

    @Option(names = "--fps", paramLabel = "F", description = "F frames per second of the range: N = clamp(floor(duration × F), min, max)")
    Double fps;

    @Option(names = "--at", paramLabel = "SEC", split = ",", description = "the frames on screen at these times (seconds, comma-separated)")
    List<Double> timestamps;

    @Option(names = "--min-frames", paramLabel = "N", description = "lower bound of the frame count with --fps (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int minFrames;

    @Option(names = "--max-frames", paramLabel = "N", description = "upper bound of the frame count with --fps or --count (default: no bound)")
    Integer maxFrames;

    @Option(names = "--start", paramLabel = "SEC", description = "range start in seconds (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double start;

    @Option(names = "--end", paramLabel = "SEC", description = "range end in seconds (default: the end of the video)")
    Double end;

    @Option(names = "--dedupe", description = "drop near-duplicate frames and report which")
    boolean dedupe;

    @Option(names = "--dedupe-threshold", paramLabel = "T", description = "mean absolute grey difference below which a frame is a duplicate (default: ${DEFAULT-VALUE})", defaultValue = "2.0")
    double dedupeThreshold;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the frame images (default: FILE's name + '-frames' in the current folder)")
    Path out;

    @Option(names = "--format", paramLabel = "png|jpg", description = "image format of the written frames (default: ${DEFAULT-VALUE})", defaultValue = "png")
    String format;

    @Option(names = "--json", description = "print one JSON object when done (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws MediaException {
        SamplingRequest request = request();
        if (!format.equals("png") && !format.equals("jpg")) {
            throw new Main.UsageException("--format must be png or jpg, got '" + format + "'");
        }
        refuseStillImage();
        Path dir = out != null ? out : Path.of(file.getFileName() + "-frames");
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<ObjectNode> written = new ArrayList<>();
        SamplingReport report = FrameSampler.sample(file, request, frame -> {
            if (written.isEmpty()) {
                prepareOutputFolder(dir); // only once a frame exists: a refused request leaves nothing behind
            }
            Path image = dir.resolve(String.format(Locale.ROOT, "frame-%06d.%s", frame.index(), format));
            writeImage(frame, image);
            written.add(frameJson(frame, image));
            if (!json) {
                stdout.printf(Locale.ROOT, "frame %6d  %9.3f s  %s%n", frame.index(), frame.ptsSeconds(), image);
            }
        }, CancelToken.NONE, ProgressListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            stdout.println(Json.write(reportJson(report, written, seconds)));
        } else {
            for (DroppedFrame d : report.dropped()) {
                stdout.printf(Locale.ROOT, "dropped %4d  %9.3f s  duplicate of frame %d (difference %.2f)%n",
                        d.index(), d.ptsSeconds(), d.keptIndex(), d.difference());
            }
            report.warnings().forEach(w -> spec.commandLine().getErr().println("glimpse: warning: " + w));
            stdout.printf(Locale.ROOT, "%d frame(s) written to %s in %.2f s%n", report.delivered(), dir, seconds);
        }
        return 0;
    }

    SamplingRequest request() {
        FrameSelection selection = FrameOptions.selection(count, fps, timestamps, minFrames, maxFrames, 8);
        if (end != null && end <= start) {
            throw new Main.UsageException(String.format(Locale.ROOT, "--end (%s s) must be after --start (%s s)", end, start));
        }
        if (start < 0) {
            throw new Main.UsageException("--start must not be negative, got " + start);
        }
        return new SamplingRequest(selection, start, end, dedupe ? dedupeThreshold : 0);
    }

    /**
     * A still image is bad input here (exit 3), worded so the user knows where it belongs: FFmpeg's own
     * refusal talks about demuxers, or (a JPEG it routes by name) wrongly calls the file damaged. A
     * GIF stays: an animated GIF is sampled as a video.
     */
    private void refuseStillImage() throws MediaException {
        var image = io.glimpse.app.plan.MediaFiles.imageFormat(file);
        if (image.isPresent() && image.get() != io.glimpse.media.image.ImageFormat.GIF) {
            throw new MediaException(file, "an image, not a video: use plan/ask --image (" + image.get().displayName() + ")");
        }
    }

    private static void prepareOutputFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + dir, e);
        }
    }

    private void writeImage(SampledFrame frame, Path image) {
        try {
            if (!ImageIO.write(frame.image().toBufferedImage(), format.equals("jpg") ? "jpeg" : "png", image.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode frameJson(SampledFrame frame, Path image) {
        ObjectNode n = Json.object();
        n.put("index", frame.index());
        n.put("ptsSeconds", Json.round(frame.ptsSeconds()));
        n.put("file", image.toString());
        n.put("width", frame.image().width());
        n.put("height", frame.image().height());
        return n;
    }

    private ObjectNode reportJson(SamplingReport report, List<ObjectNode> written, double seconds) {
        ObjectNode n = Json.object();
        n.put("file", file.toString());
        n.set("video", Json.video(report.video()));
        ObjectNode selection = n.putObject("selection");
        selection.put("mode", fps != null ? "fps" : timestamps != null ? "timestamps" : "count");
        selection.put("requestedFrames", report.plan().requestedFrames());
        selection.put("startSeconds", Json.round(report.plan().startSeconds()));
        selection.put("endSeconds", Json.round(report.plan().endSeconds()));
        selection.put("firstIndex", report.plan().firstIndex());
        selection.put("lastIndex", report.plan().lastIndex());
        ArrayNode planned = selection.putArray("plannedIndices");
        report.plan().indices().forEach(planned::add);
        n.putArray("frames").addAll(written);
        ArrayNode dropped = n.putArray("dropped");
        for (DroppedFrame d : report.dropped()) {
            ObjectNode x = dropped.addObject();
            x.put("index", d.index());
            x.put("ptsSeconds", Json.round(d.ptsSeconds()));
            x.put("duplicateOf", d.keptIndex());
            x.put("difference", Json.round(d.difference()));
        }
        ArrayNode undecodable = n.putArray("undecodable");
        report.undecodable().forEach(undecodable::add);
        ArrayNode warnings = n.putArray("warnings");
        report.warnings().forEach(warnings::add);
        n.put("elapsedSeconds", Json.round(seconds));
        return n;
    }
}
