package io.glimpse.inference.ledger;

import java.util.List;
import java.util.Map;

/** Visual token counts of one model family's processor, computed from sizes alone (no pixels). */
public interface VisualCosts {
    /** Tokens of one image of {@code width × height} pixels, with a breakdown for the ledger's detail. */
    ImageCost image(int width, int height, int maxGrids);

    /** Tokens of one video of {@code frames} sampled frames. */
    VideoCost video(int frames);

    /** Settings taken from built-in defaults where the model's files were silent. */
    List<String> assumptions();

    /**
     * @param tokens   visual tokens (the expansion of the one placeholder)
     * @param detail   e.g. grid "2x2", global 81, local 324, newlines 18
     * @param warning  what was adjusted (e.g. "downscaled from 4032x3024 to 1134x851"), or null
     */
    record ImageCost(int tokens, Map<String, Object> detail, String warning) {
    }

    /**
     * @param canvasTokens  tokens per canvas, in order
     * @param framesUsed    frames that made it into canvases
     * @param framesDropped frames over the per-video cap
     */
    record VideoCost(List<Integer> canvasTokens, int framesUsed, int framesDropped) {
        public int tokens() {
            return canvasTokens.stream().mapToInt(Integer::intValue).sum();
        }
    }
}
