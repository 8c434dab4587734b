package io.glimpse.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import io.glimpse.media.image.ImageLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real picture with text (the spreadsheet screenshot of shared/fixtures/images/sheet.png): its boxes and
 * text stay what they were when the golden file was written, and the cache reads it once.
 */
class OcrFixtureTest {
    static Path sheet() {
        String root = System.getProperty("glimpse.repoRoot", ".");
        Path p = Path.of(root).resolve("../shared/fixtures/images/sheet.png").normalize();
        assumeTrue(Files.isRegularFile(p), "fixture missing: " + p + " (skipped)");
        return p;
    }

    static String describe(OcrResult r) {
        StringBuilder b = new StringBuilder();
        for (OcrLine l : r.lines()) {
            Quad q = l.box();
            b.append(String.format(Locale.ROOT, "%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f\t%s%n",
                    q.x0(), q.y0(), q.x1(), q.y1(), q.x2(), q.y2(), q.x3(), q.y3(), l.text()));
        }
        return b.toString();
    }

    @Test
    void theSpreadsheetReadsAsItsGoldenFileAndIsCachedByHash() throws Exception {
        Path file = sheet();
        String golden;
        try (InputStream in = OcrFixtureTest.class.getResourceAsStream("sheet.golden.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        AtomicInteger reads = new AtomicInteger();
        OcrCache cache = new OcrCache();
        try (OcrEngine e = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu())) {
            OcrCache.Reader reader = (f, c) -> {
                reads.incrementAndGet();
                return e.read(ImageLoader.defaults().load(f), true, OcrListener.NONE, c);
            };
            OcrResult r = cache.get(file, "bundled", reader, CancelToken.NONE);
            System.out.print(describe(r));
            assertThat(describe(r)).isEqualTo(golden);
            // the same bytes under another name: read once
            Path copy = Files.createTempFile("sheet-copy", ".png");
            try {
                Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThat(cache.get(copy, "bundled", reader, CancelToken.NONE)).isSameAs(r);
                assertThat(reads).hasValue(1);
                // another model is another entry
                cache.get(copy, "other", reader, CancelToken.NONE);
                assertThat(reads).hasValue(2);
            } finally {
                Files.delete(copy);
            }
        }
    }
}
