package io.glimpse.app.experiment;

import java.util.List;

/**
 * What one point of an experiment gave: the figures the table, the CSV and the chart show.
 *
 * @param point            the point that ran
 * @param frames           the frames sent per video (planned by the sampler), in video order
 * @param grids            the image grid limit sent (0: the model's own)
 * @param visualTokens     visual tokens in the prompt
 * @param promptTokens     all prompt tokens
 * @param generatedTokens  answer tokens
 * @param ttftMs           time to first token, or null when none came
 * @param totalMs          the whole run, model load included for the first run on a folder
 * @param tokensPerSecond  answer speed, or null
 * @param finishReason     "stop", "length", "cancelled", "error" ...
 * @param answer           the answer text
 * @param error            what failed, or null
 * @param recordId         its run in the history, or 0 when it was not recorded
 */
public record Outcome(Point point, List<Integer> frames, int grids, int visualTokens, int promptTokens, int generatedTokens,
                      Double ttftMs, double totalMs, Double tokensPerSecond, String finishReason, String answer, String error,
                      long recordId) {
    public Outcome {
        frames = List.copyOf(frames);
    }

    /** A point that could not run at all (its model would not load, its media would not read). */
    static Outcome failed(Point point, String error, double totalMs) {
        return new Outcome(point, point.framesPerVideo(), point.request().maxGrids(), 0, 0, 0, null, totalMs, null, "error", "",
                error, 0);
    }

    Outcome recorded(long id) {
        return new Outcome(point, frames, grids, visualTokens, promptTokens, generatedTokens, ttftMs, totalMs, tokensPerSecond,
                finishReason, answer, error, id);
    }
}
