package io.glimpse.app.ui.engine;

import io.glimpse.inference.generate.FinishReason;
import java.util.List;

/**
 * The outcome of one answer. Immutable.
 *
 * @param text               the full answer
 * @param finishReason       why it ended
 * @param promptTokens       tokens in the prompt (text and media)
 * @param generatedTokens    tokens generated
 * @param timeToFirstTokenMs from the start of the run to the first generated token
 * @param tokensPerSecond    generation speed after the first token
 * @param stages             the timing waterfall, in order
 * @param error              what failed for {@link FinishReason#ERROR}, else null
 */
public record AnswerResult(String text, FinishReason finishReason, int promptTokens, int generatedTokens,
                           double timeToFirstTokenMs, double tokensPerSecond, List<StageTime> stages, String error) {
    public AnswerResult {
        stages = List.copyOf(stages);
    }

    public double totalMs() {
        return stages.stream().mapToDouble(StageTime::endMs).max().orElse(0);
    }
}
