package io.glimpse.media.video;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Samples frames from a video without decoding the whole file: for each planned frame it seeks to
 * the keyframe before it (or keeps decoding forward when that keyframe is already behind) and
 * decodes up to the target; only kept frames are converted to RGB. Frames are handed to a
 * consumer one at a time, so memory stays bounded by one decoded GOP, whatever the video's length.
 *
 * <p>Stateless and thread-safe; each call opens its own decoder. Cancellation is checked for every
 * packet read and every frame decoded, and surfaces as {@link io.glimpse.media.CancelledException}.
 */
public final class FrameSampler {
    private FrameSampler() {
    }

    /**
     * Samples {@code request} from {@code file}, handing each frame to {@code consumer} in
     * ascending time order on the calling thread.
     *
     * @throws MediaException           for a file that cannot be read as video, or when not a
     *                                  single planned frame could be decoded
     * @throws IllegalArgumentException for a range outside the video (see {@link SamplingPlan})
     */
    public static SamplingReport sample(Path file, SamplingRequest request, Consumer<SampledFrame> consumer,
                                        CancelToken cancel, ProgressListener progress) throws MediaException {
        try (VideoDecoder decoder = VideoDecoder.open(file)) {
            VideoInfo info = decoder.info();
            SamplingPlan plan;
            try {
                plan = SamplingPlan.of(info, request);
            } catch (IllegalArgumentException e) {
                throw new MediaException(file, e.getMessage());
            }
            return run(file, decoder, info, plan, request, consumer, cancel, progress);
        }
    }

    /**
     * Decodes every frame of the video without converting any, and returns how many there were:
     * the naive way to sample (decode all, keep a few), kept as the benchmark's baseline.
     */
    public static long decodeEveryFrame(Path file, CancelToken cancel) throws MediaException {
        try (VideoDecoder decoder = VideoDecoder.open(file)) {
            decoder.prepareFor(0);
            long frames = 0;
            while (decoder.decodeNext(cancel)) {
                frames++;
            }
            return frames;
        }
    }

    /** Like {@link #sample} but collects the frames; for small selections only. */
    public static List<SampledFrame> sampleToList(Path file, SamplingRequest request) throws MediaException {
        List<SampledFrame> frames = new ArrayList<>();
        sample(file, request, frames::add, CancelToken.NONE, ProgressListener.NONE);
        return frames;
    }

    private static SamplingReport run(Path file, VideoDecoder decoder, VideoInfo info, SamplingPlan plan,
                                      SamplingRequest request, Consumer<SampledFrame> consumer,
                                      CancelToken cancel, ProgressListener progress) throws MediaException {
        double fps = info.averageFps();
        double halfFrame = 0.5 / fps;
        int quarterTurns = info.rotationDegrees() / 90;
        NearDuplicateFilter dedupe = request.dedupeThreshold() > 0 ? new NearDuplicateFilter(request.dedupeThreshold()) : null;
        List<DroppedFrame> dropped = new ArrayList<>();
        List<Long> undecodable = new ArrayList<>();
        List<String> warnings = new ArrayList<>(plan.warnings());
        int delivered = 0;
        int done = 0;
        double lastDecodedSeconds = -1;
        List<Long> indices = plan.indices();
        progress.progress("decode", 0, indices.size());

        boolean onScreen = !plan.timestamps().isEmpty();
        double lastTakenSeconds = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < indices.size(); k++) {
            cancel.throwIfCancelled();
            Pick pick = onScreen
                    ? frameOnScreenAt(decoder, plan.timestamps().get(k), cancel)
                    : firstFrameFrom(decoder, indices.get(k) / fps - halfFrame, lastTakenSeconds, cancel);
            if (pick == null) {
                undecodable.addAll(indices.subList(k, indices.size()));
                break;
            }
            lastDecodedSeconds = Math.max(lastDecodedSeconds, pick.seconds);
            if (pick.seconds <= lastTakenSeconds) {
                warnings.add(String.format("frame at %.3f s was already taken; not repeated", pick.seconds));
            } else {
                lastTakenSeconds = pick.seconds;
                SampledFrame frame = new SampledFrame(Math.round(pick.seconds * fps), pick.seconds,
                        pick.image.rotateClockwise(quarterTurns));
                if (dedupe == null || dedupe.keep(frame)) {
                    consumer.accept(frame);
                    delivered++;
                } else {
                    dropped.add(new DroppedFrame(frame.index(), frame.ptsSeconds(), dedupe.lastKeptIndex(), dedupe.lastDifference()));
                }
            }
            progress.progress("decode", ++done, indices.size());
        }

        if (!undecodable.isEmpty()) {
            String where = lastDecodedSeconds < 0 ? "no frame decodes"
                    : String.format("the video data ends at %.3f s", lastDecodedSeconds);
            String problem = String.format("%s although the header says %.3f s (truncated or damaged file?): "
                    + "%d of %d frames could not be decoded", where, info.durationSeconds(), undecodable.size(), indices.size());
            if (delivered == 0 && dropped.isEmpty()) {
                throw new MediaException(file, problem);
            }
            warnings.add(problem);
        }
        if (!dropped.isEmpty()) {
            warnings.add(dropped.size() + (dropped.size() == 1 ? " near-duplicate frame dropped" : " near-duplicate frames dropped"));
        }
        return new SamplingReport(info, plan, delivered, dropped, undecodable, warnings);
    }

    /** A decoded frame chosen for a target, converted to RGB (stored orientation). */
    private record Pick(double seconds, RgbImage image) {
    }

    /** The first frame presented at or after {@code threshold} seconds and after the last taken one. */
    private static Pick firstFrameFrom(VideoDecoder decoder, double threshold, double lastTaken, CancelToken cancel)
            throws MediaException {
        decoder.prepareFor(threshold);
        while (decoder.decodeNext(cancel)) {
            double t = decoder.seconds(decoder.currentPts());
            if (t >= threshold && t > lastTaken) {
                return new Pick(t, decoder.convertCurrent());
            }
        }
        return null;
    }

    /** The frame on screen at {@code seconds}: the last one presented at or before it. */
    private static Pick frameOnScreenAt(VideoDecoder decoder, double seconds, CancelToken cancel) throws MediaException {
        decoder.prepareToShow(seconds);
        while (decoder.decodeNext(cancel)) {
            double t = decoder.seconds(decoder.currentPts());
            if (t > seconds + 1e-6) {
                return decoder.hasPrevious()
                        ? new Pick(decoder.seconds(decoder.previousPts()), decoder.convertPrevious())
                        : new Pick(t, decoder.convertCurrent()); // the stream starts after `seconds`
            }
        }
        // end of stream: the last frame stays on screen
        return decoder.hasPrevious() ? new Pick(decoder.seconds(decoder.previousPts()), decoder.convertPrevious()) : null;
    }
}
