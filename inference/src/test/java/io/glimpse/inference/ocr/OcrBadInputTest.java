package io.glimpse.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pictures with nothing to read, the smallest and a very large one, and a cancel in the middle of detection. */
class OcrBadInputTest {
    static OcrEngine engine;

    @BeforeAll
    static void open() throws Exception {
        engine = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aPictureWithoutTextReadsNothing() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 640, 480, Color.BLUE));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.fillOval(200, 150, 200, 160);
        g.dispose();
        OcrResult r = engine.read(OcrPictures.rgb(img), true, OcrListener.NONE, CancelToken.NONE);
        assertThat(r.lines()).isEmpty();
        assertThat(r.text()).isEmpty();
    }

    @Test
    void aOneByOnePictureIsReadAsEmpty() {
        OcrResult r = engine.read(RgbImage.filled(1, 1, 0, 0, 0), true, OcrListener.NONE, CancelToken.NONE);
        assertThat(r.lines()).isEmpty();
        // the detector's smallest input: one 32 x 32 block
        assertThat(r.detectWidth()).isEqualTo(32);
        assertThat(r.detectHeight()).isEqualTo(32);
    }

    @Test
    void aHugePictureIsDownscaledForDetectionNotRefused() {
        // 9000 x 3000 (27 MP): the detector sees 960 x 320; text 150 pixels high there is 16 pixels
        List<OcrPictures.Text> drawn = List.of(new OcrPictures.Text("Huge banner text", new Font(Font.SANS_SERIF, Font.BOLD, 300), 400, 600));
        BufferedImage img = OcrPictures.draw(9000, 3000, Color.WHITE, Color.BLACK, drawn);
        OcrResult r = engine.read(OcrPictures.rgb(img), false, OcrListener.NONE, CancelToken.NONE);
        assertThat(r.detectWidth()).isEqualTo(960);
        assertThat(r.detectHeight()).isEqualTo(320);
        assertThat(r.lines()).extracting(OcrLine::text).containsExactly("Huge banner text");
        // the box is in the picture's own pixels, not the detector's
        assertThat(r.lines().get(0).box().maxX()).isGreaterThan(2000);
    }

    @Test
    void aCancelDuringDetectionStopsIt() throws Exception {
        BufferedImage img = OcrPictures.draw(1920, 1920, Color.WHITE, Color.BLACK, OcrPictures.page(40, 1920));
        CancelToken cancel = new CancelToken();
        AtomicLong cancelledAt = new AtomicLong();
        List<OcrListener.Stage> stages = new java.util.concurrent.CopyOnWriteArrayList<>();
        OcrListener listener = stage -> {
            stages.add(stage);
            if (stage == OcrListener.Stage.DETECT) {
                Thread t = new Thread(() -> {
                    sleep(150); // past the resize (tens of ms), inside the detector's run (hundreds of ms here)
                    cancelledAt.set(System.nanoTime());
                    cancel.cancel();
                });
                t.setDaemon(true);
                t.start();
            }
        };
        RgbImage picture = OcrPictures.rgb(img);
        assertThatThrownBy(() -> engine.read(picture, true, listener, cancel)).isInstanceOf(CancelledException.class);
        double latencyMs = (System.nanoTime() - cancelledAt.get()) / 1e6;
        System.out.printf(java.util.Locale.ROOT, "cancel during detection: stopped %.1f ms after cancel()%n", latencyMs);
        assertThat(stages).containsExactly(OcrListener.Stage.DETECT);
        assertThat(latencyMs).isLessThan(1000);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
