package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ocr.OcrLine;
import io.glimpse.inference.ocr.OcrResult;
import io.glimpse.inference.ocr.OcrTimings;
import io.glimpse.inference.ocr.Quad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "OCR every image": images added are read in list order in the background, each once; the toggle is saved. */
class AutoOcrTest {
    @TempDir
    Path dir;

    @Test
    void everyImageAddedIsReadOnceAndTheTextGoesIntoItsOcrBlock() throws Exception {
        Path a = TestMedia.image(dir, "a.png", 300, 200);
        Path b = TestMedia.image(dir, "b.png", 200, 300);
        Path clip = TestMedia.video(dir, "clip.mp4", 160, 120, 30, 1);
        List<Path> read = new ArrayList<>();
        WorkbenchViewModel vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("config")), folder -> null);
        try {
            vm.media().ocrSource((file, cancel) -> {
                read.add(file.getFileName());
                return new OcrResult(List.of(new OcrLine(new Quad(10, 10, 90, 10, 90, 30, 10, 30), "TEXT IN " + file.getFileName(), 0.98)),
                        300, 200, 320, 224, OcrTimings.ZERO);
            });
            vm.media().add(List.of(a));
            assertThat(read).isEmpty(); // off by default
            vm.media().autoOcrProperty().set(true); // turning it on reads what is there
            vm.media().add(List.of(b, clip));
            assertThat(read).containsExactly(Path.of("a.png"), Path.of("b.png")); // images only, in order
            assertThat(vm.media().ocr(vm.media().items().get(1))).isEqualTo("TEXT IN b.png");
            assertThat(vm.media().ocrResults()).containsKeys(a, b);
            assertThat(vm.media().ocrStatusProperty().get()).isEqualTo("1 line read in b.png (0 ms)");
            // the text is priced: the image's OCR block is no longer the empty one
            assertThat(vm.ledger().ledgerProperty().get().segments()).anyMatch(s -> s.source() != null && s.source().contains("b.png")
                    && s.source().contains("OCR block") && !s.source().contains("empty"));
            vm.save();
        } finally {
            vm.close();
        }
        WorkbenchViewModel again = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(dir.resolve("config")), folder -> null);
        assertThat(again.media().autoOcrProperty().get()).isTrue();
        again.close();
    }
}
