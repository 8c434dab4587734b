package io.glimpse.app.serve;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.sampling.SamplingParams;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed {@code /v1/chat/completions} body: the last user message is the question (with its images),
 * earlier turns the history, as {@code glimpse ask --history} takes them.
 *
 * @param images    the question's pictures, in prompt order (decoded data: URLs are temporary files)
 * @param temporary the files to delete once the request is answered
 * @param topLogprobs -1: no logprobs; 0 to 20: each answer token's logprob with that many alternatives
 */
record ChatCall(String question, String system, List<ChatMessage> history, List<Path> images, List<Path> temporary,
                int maxTokens, SamplingParams sampling, List<String> stop, boolean stream,
                int topLogprobs) {
}
