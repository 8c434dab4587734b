package io.glimpse.inference.vision;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingReport;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.UnaryOperator;

/**
 * The first stage of an ask: images decoded upright, video frames sampled and shrunk as NAVER's
 * pipeline does (hcx-spec.md §6.3) as soon as they arrive, so memory stays small whatever the
 * video's resolution. Cancellable per image and per video packet/frame. Stateless.
 */
final class MediaStage {
    private MediaStage() {
    }

    record Image(String name, RgbImage image, String ocr) {
    }

    /** A video's kept frames (already shrunk) and the duration they were sampled over. */
    record Video(String name, List<RgbImage> frames, double durationSeconds) {
    }

    record Decoded(List<Image> images, List<Video> videos, List<String> warnings) {
    }

    /** @param prepareFrame shrinks a sampled frame as the model's processor takes it, as soon as it arrives */
    static Decoded decode(AskRequest request, ImageLoader loader, UnaryOperator<RgbImage> prepareFrame, CancelToken cancel,
                          DoubleConsumer progress) throws MediaException {
        int items = request.images().size() + request.videos().size();
        List<Image> images = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int done = 0;
        for (AskRequest.Image in : request.images()) {
            cancel.throwIfCancelled();
            images.add(new Image(in.file().getFileName().toString(), loader.load(in.file(), cancel), in.ocr()));
            progress.accept((double) ++done / items);
        }
        List<Video> videos = new ArrayList<>();
        for (int at = 0; at < request.videos().size(); at++) {
            Path file = request.videos().get(at);
            SamplingRequest sampling = capped(request.framesOf(at), request.maxFrames()); // each video its own selection
            int before = done;
            List<RgbImage> frames = new ArrayList<>();
            SamplingReport report = FrameSampler.sample(file, sampling,
                    frame -> frames.add(prepareFrame.apply(frame.image())), cancel,
                    (stage, n, total) -> progress.accept((before + (total > 0 ? (double) n / total : 0)) / items));
            String name = file.getFileName().toString();
            report.warnings().forEach(w -> warnings.add(name + ": " + w));
            if (frames.isEmpty()) {
                throw new MediaException(file, "no frame could be used (all " + report.dropped().size()
                        + " sampled frames were near-duplicates or undecodable)");
            }
            videos.add(new Video(name, List.copyOf(frames), report.plan().endSeconds() - report.plan().startSeconds()));
            progress.accept((double) ++done / items);
        }
        return new Decoded(images, videos, warnings);
    }

    /** The selection with at most {@code maxFrames} frames. */
    static SamplingRequest capped(SamplingRequest request, int maxFrames) {
        FrameSelection s = request.selection();
        FrameSelection capped;
        if (s instanceof FrameSelection.Count c) {
            capped = new FrameSelection.Count(Math.min(c.frames(), maxFrames));
        } else if (s instanceof FrameSelection.Fps f) {
            capped = new FrameSelection.Fps(f.fps(), Math.min(f.minFrames(), maxFrames), Math.min(f.maxFrames(), maxFrames));
        } else {
            List<Double> times = ((FrameSelection.Timestamps) s).seconds();
            capped = new FrameSelection.Timestamps(times.subList(0, Math.min(times.size(), maxFrames)));
        }
        return new SamplingRequest(capped, request.startSeconds(), request.endSeconds(), request.dedupeThreshold());
    }
}
