package io.glimpse.app.ui.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.AskTimings;
import io.glimpse.inference.vision.Stage;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A vision-language model ({@link VisionLanguageModel}) behind {@link AnswerEngine}: images and
 * videos go in with the strip's frame selection and the ledger's grid limit; the answer streams
 * out with every stage timed. Owns the model (close it); one answer at a time.
 */
public final class VisionModelEngine implements AnswerEngine {
    private final VisionLanguageModel model;
    private final Path folder;

    private VisionModelEngine(VisionLanguageModel model, Path folder) {
        this.model = model;
        this.folder = folder;
    }

    /** @throws ModelFolderException for a folder that is not a complete vision-language model */
    public static VisionModelEngine open(Path folder, RuntimeOptions options) throws ModelFolderException {
        return new VisionModelEngine(VisionLanguageModel.open(folder, options), folder);
    }

    /** Whether the folder's glimpse.json has a {@code vision} block (a vision-language model). */
    public static boolean declaresVision(Path folder) {
        Path json = folder.resolve("glimpse.json");
        if (!Files.isRegularFile(json)) {
            return false;
        }
        try {
            return new ObjectMapper().readTree(json.toFile()).hasNonNull("vision");
        } catch (java.io.IOException e) {
            return false; // opening the model reports the broken file properly
        }
    }

    @Override
    public String describe() {
        return folder.getFileName() + " (vision-language model, " + model.decoder().provider() + ")";
    }

    @Override
    public boolean acceptsMedia() {
        return true;
    }

    @Override
    public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) throws Exception {
        SamplingRequest frames = request.videos().isEmpty()
                ? SamplingRequest.of(new FrameSelection.Count(AskRequest.DEFAULT_FRAMES))
                : request.videos().get(0).sampling();
        List<SamplingRequest> perVideo = request.videos().stream().map(AnswerRequest.Video::sampling).toList(); // each video its own
        List<AskRequest.Image> images = request.images().stream().map(i -> new AskRequest.Image(i.file(), i.ocr())).toList();
        List<Path> videos = request.videos().stream().map(AnswerRequest.Video::file).toList();
        GenerationRequest generation = new GenerationRequest(request.maxNewTokens(), request.sampling(), Set.of(), List.of());
        AskRequest ask = new AskRequest(request.prompt(), request.system(), images, videos, frames, Integer.MAX_VALUE,
                Math.max(0, request.maxGrids()), generation).withHistory(request.history()).withVideoFrames(perVideo);
        Stage[] last = {null};
        AskResult r = model.ask(ask, new AskListener() {
            @Override
            public void onStage(Stage stage, double fraction) {
                if (stage != last[0]) { // one start report per stage; fractions go to onProgress
                    last[0] = stage;
                    listener.onStage(name(stage));
                }
                listener.onProgress(name(stage), fraction);
            }

            @Override
            public void onText(String piece) {
                listener.onText(piece);
            }
        }, cancel);
        AskTimings t = r.timings();
        return new AnswerResult(r.text(), r.finishReason(), r.generation().promptTokens(), r.generation().generatedTokens(),
                t.timeToFirstTokenMs(), t.decodeTokensPerSecond(), stages(t), r.generation().error());
    }

    static String name(Stage s) {
        return switch (s) {
            case MEDIA_DECODE -> "decode";
            case PREPROCESS -> "preprocess";
            case VISION_ENCODE -> "encode";
            case PREFILL -> "prefill";
            case DECODE -> "generation";
        };
    }

    /** The pipeline's stages laid end to end (stitching and embedding count as prefill). */
    static List<StageTime> stages(AskTimings t) {
        double[] ms = {t.mediaDecodeMs(), t.preprocessMs(), t.visionEncodeMs(), t.stitchMs() + t.embedMs() + t.prefillMs(), t.decodeMs()};
        String[] names = {"decode", "preprocess", "encode", "prefill", "generation"};
        List<StageTime> out = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < ms.length; i++) {
            double d = Math.max(0, ms[i]);
            out.add(new StageTime(names[i], at, d));
            at += d;
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VisionModelEngine[%s]", folder);
    }
}
