package io.glimpse.inference.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixture folder (../shared/fixtures beside the repository); tests skip when it is absent. */
final class Fixtures {
    private Fixtures() {
    }

    static Path folder(String relative) {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures").resolve(relative).normalize();
        assumeTrue(Files.exists(p), "fixture " + p + " absent; test skipped");
        return p;
    }

    static int argmax(float[] logits, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
