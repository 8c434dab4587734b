package io.glimpse.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.vm.ImagePreview;
import io.glimpse.media.RgbImage;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * "What the model sees" hatches the padding only: read back the pixels of the drawn preview of a
 * grey picture padded left and right, and find the hatch colour in the padding and nowhere on the
 * picture (it used to cover the whole canvas).
 */
@ExtendWith(ApplicationExtension.class)
class PaddingHatchTest {
    // a 2x2 grid of 100 px tiles holding a 120x200 picture centred: 40 px of padding each side
    static final int TILE = 100;
    static final int CONTENT_X = 40;
    static final int CONTENT_W = 120;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void onlyThePaddingIsHatched() throws Exception {
        byte[] grey = new byte[2 * TILE * 2 * TILE * 3];
        Arrays.fill(grey, (byte) 128);
        RgbImage canvas = RgbImage.wrap(2 * TILE, 2 * TILE, grey);
        ImagePreview p = new ImagePreview(canvas, canvas, 2, 2, TILE, CONTENT_X, 0, CONTENT_W, 2 * TILE, 100, null);
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> {
            FitImage view = PreviewView.imageWithGrid(p);
            javafx.scene.Group root = new javafx.scene.Group(view);
            stage.setScene(new Scene(root));
            stage.show();
            root.applyCss();
            view.resize(2 * TILE, 2 * TILE); // drawn at scale 1: source pixel = screen pixel
            view.layout();
            return view.snapshot(null, null);
        }).get(10, TimeUnit.SECONDS);
        assertThat(shot.getWidth()).isEqualTo(2.0 * TILE);
        PixelReader px = shot.getPixelReader();
        int hatchedLeft = 0;
        int hatchedRight = 0;
        int hatchedPicture = 0;
        for (int y = 0; y < 2 * TILE; y++) {
            for (int x = 0; x < 2 * TILE; x++) {
                if (!isHatch(px.getArgb(x, y))) {
                    continue;
                }
                if (x < CONTENT_X) {
                    hatchedLeft++;
                } else if (x >= CONTENT_X + CONTENT_W) {
                    hatchedRight++;
                } else {
                    hatchedPicture++;
                }
            }
        }
        // diagonals 8 px apart over a 40x200 strip: about 1000 hatch pixels (anti-aliased lines touch ~2 px per row)
        assertThat(hatchedLeft).as("hatch pixels in the left padding").isGreaterThan(500);
        assertThat(hatchedRight).as("hatch pixels in the right padding").isGreaterThan(500);
        // anti-aliasing at the clip edge may tint the first picture column, never more
        assertThat(hatchedPicture).as("hatch pixels on the picture").isLessThan(2 * TILE * 2);
    }

    /** The pink hatch over grey: red well above green (grey, yellow grid lines and the cyan outline are not). */
    static boolean isHatch(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        return r - g > 40;
    }
}
