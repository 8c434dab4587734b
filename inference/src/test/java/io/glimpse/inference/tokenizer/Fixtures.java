package io.glimpse.inference.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared fixtures at {@code <repoRoot>/../shared/fixtures}; tests skip when they are absent. */
final class Fixtures {
    private Fixtures() {}

    static Path dir(String name) {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "system property glimpse.repoRoot not set (run through Maven surefire)");
        Path dir = Path.of(root).resolve("../shared/fixtures").resolve(name).normalize();
        assumeTrue(Files.isDirectory(dir), "fixtures not found: " + dir);
        return dir;
    }

    /** Feeds ids one by one through a stream; returns every piece, the flush last. */
    static java.util.List<String> streamPieces(Tokenizer tok, int[] ids) {
        TokenizerStream stream = tok.stream();
        java.util.List<String> pieces = new java.util.ArrayList<>();
        for (int id : ids) {
            pieces.add(stream.next(id));
        }
        pieces.add(stream.flush());
        return pieces;
    }
}
