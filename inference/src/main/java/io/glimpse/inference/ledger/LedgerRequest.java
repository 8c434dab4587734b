package io.glimpse.inference.ledger;

import io.glimpse.inference.chat.ChatMessage;
import java.util.List;

/**
 * A request as the ledger sees it: texts, and media by size only. Immutable.
 *
 * @param system         system prompt, or null
 * @param history        earlier turns
 * @param images         images of the new user turn
 * @param videos         videos of the new user turn (frames already chosen)
 * @param prompt         the user's question
 * @param outputReserve  tokens kept free for the answer
 * @param contextLength  the model's context length
 * @param maxGrids       grid limit per image (the budget solver lowers it)
 */
public record LedgerRequest(String system, List<ChatMessage> history, List<Image> images, List<Video> videos,
                            String prompt, int outputReserve, int contextLength, int maxGrids) {
    public LedgerRequest {
        history = List.copyOf(history);
        images = List.copyOf(images);
        videos = List.copyOf(videos);
        if (outputReserve < 0 || contextLength <= 0) {
            throw new IllegalArgumentException("output reserve must be >= 0 and context length > 0, got "
                    + outputReserve + " and " + contextLength);
        }
    }

    /** An image by name and upright size, with its OCR text (may be empty). */
    public record Image(String name, int width, int height, String ocr) {
    }

    /** A video by name, with the number of frames sampled from it and its sampled duration. */
    public record Video(String name, int frames, double durationSeconds) {
    }
}
