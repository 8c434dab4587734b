package io.glimpse.app.experiment;

import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The window's request as the model's: the same conversion the window's vision engine makes. */
public final class WindowRequests {
    private WindowRequests() {
    }

    public static AskRequest ask(AnswerRequest request) {
        SamplingRequest frames = request.videos().isEmpty()
                ? SamplingRequest.of(new FrameSelection.Count(AskRequest.DEFAULT_FRAMES))
                : request.videos().get(0).sampling();
        List<SamplingRequest> perVideo = request.videos().stream().map(AnswerRequest.Video::sampling).toList();
        List<AskRequest.Image> images = request.images().stream().map(i -> new AskRequest.Image(i.file(), i.ocr())).toList();
        List<Path> videos = request.videos().stream().map(AnswerRequest.Video::file).toList();
        GenerationRequest generation = new GenerationRequest(request.maxNewTokens(), request.sampling(), Set.of(), List.of());
        return new AskRequest(request.prompt(), request.system(), images, videos, frames, Integer.MAX_VALUE,
                Math.max(0, request.maxGrids()), generation).withHistory(request.history()).withVideoFrames(perVideo);
    }
}
