package io.glimpse.app.ui.engine;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * What the user asks. Immutable.
 *
 * @param system        system prompt, or null
 * @param prompt        the question
 * @param images        images, in order, each with its OCR text
 * @param videos        videos with the frames to send
 * @param sampling      how tokens are chosen
 * @param maxNewTokens  most tokens to generate (at least 1)
 * @param maxGrids      grid limit per image (the ledger's), 0 for the model's own
 * @param history       earlier turns of the conversation (user and assistant text), oldest first
 */
public record AnswerRequest(String system, String prompt, List<Image> images, List<Video> videos, SamplingParams sampling,
                            int maxNewTokens, int maxGrids, List<ChatMessage> history) {
    /** A first question: no history. */
    public AnswerRequest(String system, String prompt, List<Image> images, List<Video> videos, SamplingParams sampling,
                         int maxNewTokens, int maxGrids) {
        this(system, prompt, images, videos, sampling, maxNewTokens, maxGrids, List.of());
    }

    public AnswerRequest {
        history = List.copyOf(history);
        images = List.copyOf(images);
        videos = List.copyOf(videos);
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be at least 1, got " + maxNewTokens);
        }
    }

    /** An image and the text an OCR found in it (empty when none), sent alongside it. */
    public record Image(Path file, String ocr) {
        public Image {
            ocr = ocr == null ? "" : ocr;
        }
    }

    /** A video and the frames to sample from it (exactly the frames the strip shows). */
    public record Video(Path file, SamplingRequest sampling) {
    }

    /** The same question with other earlier turns. */
    public AnswerRequest withHistory(List<ChatMessage> turns) {
        return new AnswerRequest(system, prompt, images, videos, sampling, maxNewTokens, maxGrids, turns);
    }

    public boolean hasMedia() {
        return !images.isEmpty() || !videos.isEmpty();
    }
}
