package io.glimpse.app.remote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.sampling.SamplingParams;
import java.util.List;

/**
 * The chat-completions request body for an {@link AnswerRequest}: system, earlier turns, then one
 * user message with each image (and its OCR text), each video's frames and the question, in the
 * order the local prompt places them. Stateless.
 */
public final class ChatBody {
    private ChatBody() {
    }

    /**
     * @param imageUrls one data URL per image of the request, in order
     * @param videos    the sampled frames of each video of the request, in order
     */
    public static ObjectNode of(String model, AnswerRequest request, List<String> imageUrls, List<RemoteMedia.Frames> videos) {
        ObjectNode body = RemoteClient.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null && !request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage turn : request.history()) {
            messages.addObject().put("role", turn.role()).put("content", turn.content());
        }
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        for (int i = 0; i < imageUrls.size(); i++) {
            content.addObject().put("type", "image_url").putObject("image_url").put("url", imageUrls.get(i));
            String ocr = request.images().get(i).ocr();
            if (!ocr.isBlank()) {
                content.addObject().put("type", "text").put("text", ocr);
            }
        }
        for (RemoteMedia.Frames v : videos) {
            content.addObject().put("type", "video_url").putObject("video_url").put("url", v.dataUrl());
        }
        content.addObject().put("type", "text").put("text", request.prompt());
        body.put("max_tokens", request.maxNewTokens());
        sampling(body, request.sampling());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return body;
    }

    /** Greedy as temperature 0 (what OpenAI-compatible servers read as argmax); top_k is a vLLM and llama.cpp extension. */
    private static void sampling(ObjectNode body, SamplingParams s) {
        if (!s.doSample()) {
            body.put("temperature", 0.0);
        } else {
            body.put("temperature", s.temperature());
            body.put("top_p", s.topP());
            if (s.topK() > 0) {
                body.put("top_k", s.topK());
            }
            if (s.minP() > 0) {
                body.put("min_p", s.minP());
            }
        }
        if (s.repetitionPenalty() != 1.0) {
            body.put("repetition_penalty", s.repetitionPenalty());
        }
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
    }
}
