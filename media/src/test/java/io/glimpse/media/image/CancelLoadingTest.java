package io.glimpse.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancel request stops an image decode: before it starts, and in the middle of a large JPEG. */
class CancelLoadingTest {
    @TempDir
    Path dir;

    private Path bigJpeg() throws Exception {
        // 24 MP: its decode takes hundreds of milliseconds, far longer than the delay before the cancel
        BufferedImage picture = new BufferedImage(6000, 4000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.RED, 6000, 4000, Color.BLUE));
        g.fillRect(0, 0, 6000, 4000);
        g.dispose();
        Path file = dir.resolve("big.jpg");
        ImageIO.write(picture, "jpg", file.toFile());
        return file;
    }

    @Test
    void aTrippedTokenStopsBeforeDecoding() throws Exception {
        Path file = bigJpeg();
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThatThrownBy(() -> ImageLoader.defaults().load(file, cancel)).isInstanceOf(CancelledException.class);
    }

    @Test
    void aCancelDuringTheDecodeAbortsTheReader() throws Exception {
        Path file = bigJpeg();
        assertThat(ImageLoader.defaults().load(file, new CancelToken()).width()).isEqualTo(6000); // uncancelled: whole
        CancelToken cancel = new CancelToken();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(cancel::cancel, 20, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> ImageLoader.defaults().load(file, cancel)).isInstanceOf(CancelledException.class);
        } finally {
            timer.shutdownNow();
        }
    }
}
