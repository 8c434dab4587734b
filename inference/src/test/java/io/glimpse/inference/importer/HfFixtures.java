package io.glimpse.inference.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.model.Decoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Hugging Face checkpoints of ../shared/fixtures/hf; tests skip with a message when they are absent. */
final class HfFixtures {
    /** "Once upon a time" with BOS. */
    static final int[] STORIES_PROMPT = {1, 403, 407, 261, 378};
    /** llama2.c's golden greedy ids after the prompt (fixtures/hf/stories260K-llama/README.md). */
    static final int[] STORIES_GOLDEN = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337,
            410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432,
            352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270,
            333, 415, 426, 13, 438, 310};
    static final String STORIES_TEXT = ", there was a little girl named Lily. She loved to play outside in the park. One day, "
            + "she saw a big, red ball. She wanted to play with it, but it was too high.\nLily";

    private HfFixtures() {
    }

    static Path folder(String name) {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures/hf").resolve(name).normalize();
        assumeTrue(Files.isDirectory(p), "fixture " + p + " absent; test skipped");
        return p;
    }

    /** Greedy ids after a prefill of {@code prompt}, one token per step through the cache. */
    static List<Integer> greedy(Decoder decoder, int[] prompt, int count) {
        decoder.reset();
        List<Integer> out = new ArrayList<>();
        int next = decoder.forwardArgmax(prompt);
        for (int i = 0; i < count; i++) {
            out.add(next);
            if (i + 1 < count) {
                next = decoder.forwardArgmax(new int[] {next});
            }
        }
        return out;
    }

    static List<Integer> list(int[] ids, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ids[i]);
        }
        return out;
    }
}
