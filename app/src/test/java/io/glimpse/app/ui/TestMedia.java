package io.glimpse.app.ui;

import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.SyntheticVideo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Media generated for the window's tests. */
public final class TestMedia {
    private TestMedia() {
    }

    /** A video of {@code seconds} at {@code fps}, {@code w×h}, frames numbered in a barcode. */
    public static Path video(Path dir, String name, int w, int h, double fps, int seconds) throws Exception {
        Path f = dir.resolve(name);
        SyntheticVideo.write(f, SyntheticVideo.Spec.of(w, h, fps, (int) Math.round(fps * seconds)), CancelToken.NONE, ProgressListener.NONE);
        return f;
    }

    /** A PNG of two colour halves. */
    public static Path image(Path dir, String name, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 40, 40));
        g.fillRect(0, 0, w / 2, h);
        g.setColor(new Color(40, 40, 200));
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }
}
