import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Renders glimpse.svg's shapes with Java2D into OUT_DIR/glimpse-N.png for each size given (run as
 * {@code java RenderIcon.java OUT_DIR 16 32 ...} by build.sh): the JDK has no SVG rasteriser, and the
 * build needs no other tool. Coordinates are the SVG's 256-unit box.
 */
public final class RenderIcon {
    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        out.mkdirs();
        for (int i = 1; i < args.length; i++) {
            int size = Integer.parseInt(args[i]);
            ImageIO.write(render(size), "png", new File(out, "glimpse-" + size + ".png"));
        }
    }

    static BufferedImage render(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        RoundRectangle2D tile = new RoundRectangle2D.Double(16, 16, 224, 224, 96, 96);
        g.setPaint(new GradientPaint(0, 16, new Color(0x3a6ab0), 0, 240, new Color(0x1b2f52)));
        g.fill(tile);
        g.clip(tile);
        g.setColor(new Color(255, 255, 255, 64));
        g.setStroke(new BasicStroke(4));
        for (int v : new int[] {96, 160}) {
            g.draw(new Line2D.Double(v, 16, v, 240));
            g.draw(new Line2D.Double(16, v, 240, v));
        }
        g.setClip(null);
        Path2D eye = new Path2D.Double();
        eye.moveTo(32, 128);
        eye.quadTo(128, 40, 224, 128);
        eye.quadTo(128, 216, 32, 128);
        eye.closePath();
        g.setColor(Color.WHITE);
        g.fill(eye);
        circle(g, 128, 128, 40, new Color(0xf0a030));
        circle(g, 128, 128, 18, new Color(0x1b2f52));
        circle(g, 142, 114, 8, Color.WHITE);
        g.dispose();
        return img;
    }

    private static void circle(Graphics2D g, double cx, double cy, double r, Color c) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }
}
