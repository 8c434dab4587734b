package io.glimpse.inference.vision;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One question about pictures. Immutable.
 *
 * @param question    the user's text
 * @param system      system prompt, or null
 * @param images      images, in prompt order, each with its OCR text (may be empty)
 * @param videos      videos, in prompt order (after the images, as the HCX layout places them)
 * @param frames      which frames to sample from each video (count, fps or timestamps; range and dedupe)
 * @param maxFrames   most frames kept per video (the model's own cap applies too); at least 1
 * @param maxGrids    grid limit per image; 0 for the model's
 * @param generation  answer length and sampling; the model's stop ids and strings are added to its own
 * @param history     earlier turns of the conversation as text (user questions and assistant answers, in
 *                    order), placed before this turn; this turn's images and videos go with this question
 * @param videoFrames each video's own selection, parallel to {@code videos}; empty: {@code frames} for every video
 */
public record AskRequest(String question, String system, List<Image> images, List<Path> videos, SamplingRequest frames,
                         int maxFrames, int maxGrids, GenerationRequest generation, List<ChatMessage> history,
                         List<SamplingRequest> videoFrames) {
    /** Frames per video when the caller does not choose (vLLM's default for this family, hcx-spec.md §6.3). */
    public static final int DEFAULT_FRAMES = 32;

    /** One selection for every video. */
    public AskRequest(String question, String system, List<Image> images, List<Path> videos, SamplingRequest frames,
                      int maxFrames, int maxGrids, GenerationRequest generation, List<ChatMessage> history) {
        this(question, system, images, videos, frames, maxFrames, maxGrids, generation, history, List.of());
    }

    /** A first turn: no history. */
    public AskRequest(String question, String system, List<Image> images, List<Path> videos, SamplingRequest frames,
                      int maxFrames, int maxGrids, GenerationRequest generation) {
        this(question, system, images, videos, frames, maxFrames, maxGrids, generation, List.of());
    }

    public AskRequest {
        Objects.requireNonNull(question, "question");
        history = List.copyOf(history);
        for (ChatMessage m : history) {
            if (!m.role().equals("user") && !m.role().equals("assistant")) {
                throw new IllegalArgumentException("history holds user and assistant turns, got a " + m.role() + " turn");
            }
        }
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(generation, "generation");
        images = List.copyOf(images);
        videos = List.copyOf(videos);
        if (maxFrames < 1) {
            throw new IllegalArgumentException("max frames must be at least 1, got " + maxFrames);
        }
        if (maxGrids < 0) {
            throw new IllegalArgumentException("max grids must be 0 (the model's) or more, got " + maxGrids);
        }
        videoFrames = List.copyOf(videoFrames);
        if (!videoFrames.isEmpty() && videoFrames.size() != videos.size()) {
            throw new IllegalArgumentException(videoFrames.size() + " frame selections for " + videos.size()
                    + (videos.size() == 1 ? " video" : " videos"));
        }
    }

    /** The selection of video {@code i}: its own, else the request's. */
    public SamplingRequest framesOf(int i) {
        return videoFrames.isEmpty() ? frames : videoFrames.get(i);
    }

    /** The same request with each video's own selection (parallel to {@link #videos()}). */
    public AskRequest withVideoFrames(List<SamplingRequest> perVideo) {
        return new AskRequest(question, system, images, videos, frames, maxFrames, maxGrids, generation, history, perVideo);
    }

    /** An image file with the text an OCR found in it (empty when none). */
    public record Image(Path file, String ocr) {
        public Image {
            Objects.requireNonNull(file, "file");
            ocr = ocr == null ? "" : ocr;
        }
    }

    /** A question with no media, {@value #DEFAULT_FRAMES} frames per video, the model's grid limit. */
    public static AskRequest of(String question, GenerationRequest generation) {
        return new AskRequest(question, null, List.of(), List.of(),
                SamplingRequest.of(new FrameSelection.Count(DEFAULT_FRAMES)), Integer.MAX_VALUE, 0, generation, List.of());
    }

    /** The same question after the given earlier turns. */
    public AskRequest withHistory(List<ChatMessage> turns) {
        return new AskRequest(question, system, images, videos, frames, maxFrames, maxGrids, generation, turns, videoFrames);
    }

    public AskRequest withImage(Path file, String ocr) {
        List<Image> more = new ArrayList<>(images);
        more.add(new Image(file, ocr));
        return new AskRequest(question, system, more, videos, frames, maxFrames, maxGrids, generation, history, videoFrames);
    }

    public AskRequest withVideo(Path file) {
        List<Path> more = new ArrayList<>(videos);
        more.add(file);
        List<SamplingRequest> selections = new ArrayList<>(videoFrames);
        if (!selections.isEmpty()) {
            selections.add(frames);
        }
        return new AskRequest(question, system, images, more, frames, maxFrames, maxGrids, generation, history, selections);
    }

    public AskRequest withSystem(String text) {
        return new AskRequest(question, text, images, videos, frames, maxFrames, maxGrids, generation, history, videoFrames);
    }

    /** One selection for every video (any per-video ones are dropped). */
    public AskRequest withFrames(SamplingRequest selection, int max) {
        return new AskRequest(question, system, images, videos, selection, max, maxGrids, generation, history, List.of());
    }

    public AskRequest withMaxGrids(int grids) {
        return new AskRequest(question, system, images, videos, frames, maxFrames, grids, generation, history, videoFrames);
    }
}
