package io.glimpse.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.ImagePreview;
import io.glimpse.inference.ocr.OcrLine;
import io.glimpse.inference.ocr.OcrResult;
import io.glimpse.inference.ocr.OcrTimings;
import io.glimpse.inference.ocr.Quad;
import io.glimpse.media.RgbImage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The OCR's line boxes land where the text is on the resized picture: a box in a 600x400 original
 * is drawn at half size inside a 300x200 picture placed 50 px down in its 300x300 canvas.
 */
@ExtendWith(ApplicationExtension.class)
class OcrBoxesTest {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void aBoxInOriginalPixelsIsDrawnOnThePictureAtItsScale() throws Exception {
        byte[] grey = new byte[300 * 300 * 3];
        Arrays.fill(grey, (byte) 128);
        RgbImage canvas = RgbImage.wrap(300, 300, grey);
        ImagePreview p = new ImagePreview(canvas, canvas, 1, 1, 300, 0, 50, 300, 200, 81, null);
        // original 600x400: the line's box from (100,100) to (300,160) -> picture (50,50)-(150,80) -> canvas (50,100)-(150,130)
        OcrResult ocr = new OcrResult(List.of(new OcrLine(new Quad(100, 100, 300, 100, 300, 160, 100, 160), "Hello", 0.99)),
                600, 400, 608, 416, OcrTimings.ZERO);
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> {
            FitImage view = PreviewView.imageWithGrid(p, ocr);
            Group root = new Group(view);
            stage.setScene(new Scene(root));
            stage.show();
            root.applyCss();
            view.resize(300, 300);
            view.layout();
            return view.snapshot(null, null);
        }).get(10, TimeUnit.SECONDS);
        PixelReader px = shot.getPixelReader();
        assertThat(green(px.getArgb(100, 100))).as("top edge of the box").isTrue();
        assertThat(green(px.getArgb(50, 115))).as("left edge").isTrue();
        assertThat(green(px.getArgb(150, 115))).as("right edge").isTrue();
        assertThat(green(px.getArgb(100, 130))).as("bottom edge").isTrue();
        assertThat(green(px.getArgb(100, 115))).as("inside: the text stays visible").isFalse();
        assertThat(green(px.getArgb(200, 100))).as("right of the box").isFalse();
    }

    static boolean green(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return g > 160 && r < 120 && b < 120;
    }
}
