package io.glimpse.app.ui.view;

import io.glimpse.media.RgbImage;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** RGB pictures of the core as JavaFX images. Stateless; call on any thread (WritableImage needs no toolkit thread). */
public final class FxImages {
    private FxImages() {
    }

    public static Image of(RgbImage image) {
        if (image == null) {
            return null;
        }
        WritableImage out = new WritableImage(image.width(), image.height());
        out.getPixelWriter().setPixels(0, 0, image.width(), image.height(), PixelFormat.getByteRgbInstance(),
                image.toByteArray(), 0, image.width() * 3);
        return out;
    }
}
