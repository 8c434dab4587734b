package io.glimpse.app.cli;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The request options {@code sweep} and {@code compare} share with {@code ask} (a picocli mixin). */
final class ExperimentOptions {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model folder (docs/model-format.md)")
    Path model;

    @Option(names = "--image", paramLabel = "FILE", description = "an image (repeatable, in prompt order)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--ocr", paramLabel = "TEXT", description = "text an OCR found in an image (repeatable: the n-th goes with the n-th --image)")
    List<String> ocr = new ArrayList<>();

    @Option(names = "--video", paramLabel = "FILE", description = "a video (repeatable)")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", description = "frames per video, spread evenly (default: " + AskRequest.DEFAULT_FRAMES + ")")
    Integer count;

    @Option(names = "--fps", paramLabel = "F", description = "frames per second of video instead of --count")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N", description = "upper bound of frames per video")
    Integer maxFrames;

    @Option(names = "--start", paramLabel = "SECONDS", defaultValue = "0", description = "sample videos from here (default: 0)")
    double start;

    @Option(names = "--end", paramLabel = "SECONDS", description = "sample videos up to here (default: the end)")
    Double end;

    @Option(names = "--max-grids", paramLabel = "G", defaultValue = "0", description = "grid limit per image (default: the model's)")
    int maxGrids;

    @Option(names = "--system", paramLabel = "TEXT", description = "system prompt")
    String system;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "most answer tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--no-record", description = "do not record the runs in the run history (glimpse history)")
    boolean noRecord;

    @Option(names = "--json", description = "print one JSON object at the end instead of the table (docs/cli.md)")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the results as CSV, one row per run")
    Path csv;

    /**
     * The request as {@code glimpse ask} would send it; the sampling defaults are read from the
     * folder's config without loading its weights. Usage problems fail here.
     */
    AskRequest request(String question) throws ModelFolderException {
        if (ocr.size() > images.size()) {
            throw new Main.UsageException(ocr.size() + " --ocr texts for " + images.size() + " images: give at most one per --image");
        }
        if (end != null && end <= start) {
            throw new Main.UsageException("--end (" + end + ") must be after --start (" + start + ")");
        }
        samplingOptions.sampling(java.util.Map.of());
        SamplingParams sampling = samplingOptions.sampling(ModelFolder.read(model).sampling());
        SamplingRequest frames = SamplingRequest.of(FrameOptions.selection(count, fps, null, 1, maxFrames, AskRequest.DEFAULT_FRAMES))
                .withRange(start, end);
        AskRequest r = AskRequest.of(question, new GenerationRequest(maxTokens, sampling, Set.of(), List.of()))
                .withFrames(frames, maxFrames == null ? Integer.MAX_VALUE : maxFrames).withMaxGrids(maxGrids);
        if (system != null) {
            r = r.withSystem(system);
        }
        for (int i = 0; i < images.size(); i++) {
            r = r.withImage(images.get(i), i < ocr.size() ? ocr.get(i) : "");
        }
        for (Path v : videos) {
            r = r.withVideo(v);
        }
        return r;
    }
}
