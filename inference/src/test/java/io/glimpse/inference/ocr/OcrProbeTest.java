package io.glimpse.inference.ocr;

import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcrProbeTest {
    @Test
    void probe() throws Exception {
        try (OcrEngine e = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu())) {
            var img = OcrPictures.draw(800, 300, Color.WHITE, Color.BLACK, List.of(
                    new OcrPictures.Text("Hello World 2024", new Font(Font.SANS_SERIF, Font.PLAIN, 32), 30, 30),
                    new OcrPictures.Text("The quick brown fox", new Font(Font.SERIF, Font.BOLD, 24), 30, 120),
                    new OcrPictures.Text("Right column", new Font(Font.MONOSPACED, Font.PLAIN, 20), 450, 120)));
            for (int i = 0; i < 2; i++) {
                OcrResult r = e.read(OcrPictures.rgb(img), true, OcrListener.NONE, CancelToken.NONE);
                r.lines().forEach(l -> System.out.println(l));
                System.out.println(r.timings());
            }
        }
    }
}
