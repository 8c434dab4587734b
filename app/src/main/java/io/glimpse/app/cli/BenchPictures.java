package io.glimpse.app.cli;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Pictures for benchmarks: a gradient with seeded shapes, so a PNG is neither trivial nor random noise. Stateless. */
final class BenchPictures {
    private BenchPictures() {
    }

    static Path photoLike(Path file, int width, int height) throws IOException {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 4), 20 + random.nextInt(height / 4));
        }
        g.dispose();
        ImageIO.write(picture, "png", file.toFile());
        return file;
    }
}
