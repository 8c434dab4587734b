package io.glimpse.inference.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a ledger says about an image or a video, whichever layout produced the prompt (the built-in
 * blocks or a folder's own template), so both ledgers show the same fields (docs/cli.md).
 */
final class MediaDetails {
    static final String ESTIMATE_WARNING = "text counts are estimates: no tokenizer was given (visual counts are exact)";

    private MediaDetails() {
    }

    /** The processor's breakdown plus the image's size. */
    static Map<String, Object> image(LedgerRequest.Image image, VisualCosts.ImageCost cost) {
        Map<String, Object> detail = new LinkedHashMap<>(cost.detail());
        detail.put("size", image.width() + "x" + image.height());
        return detail;
    }

    /** Frames, canvases and their tokens, and the time between sampled frames. */
    static Map<String, Object> video(LedgerRequest.Video video, VisualCosts.VideoCost cost) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("frames", cost.framesUsed());
        detail.put("canvases", cost.canvasTokens().size());
        detail.put("canvasTokens", cost.canvasTokens());
        if (cost.framesUsed() > 0 && video.durationSeconds() > 0) {
            detail.put("secondsBetweenFrames", Math.round(video.durationSeconds() / cost.framesUsed() * 100) / 100.0);
        }
        return detail;
    }

    /** The warning for frames over the per-video limit, or null when none were dropped. */
    static String videoWarning(VisualCosts.VideoCost cost) {
        return cost.framesDropped() > 0 ? BudgetSolver.plural(cost.framesDropped(), "frame") + " over the per-video limit dropped" : null;
    }
}
