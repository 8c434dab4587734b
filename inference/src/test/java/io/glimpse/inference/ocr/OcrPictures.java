package io.glimpse.inference.ocr;

import io.glimpse.media.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Pictures of text drawn with Java2D for the OCR tests, with what was drawn where. */
final class OcrPictures {
    private OcrPictures() {
    }

    /** A line to draw: text, font, top-left of its baseline box, and a turn (degrees, about its start). */
    record Text(String text, Font font, int x, int y, double degrees) {
        Text(String text, Font font, int x, int y) {
            this(text, font, x, y, 0);
        }
    }

    static BufferedImage draw(int w, int h, Color background, Color ink, List<Text> texts) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.setColor(ink);
        for (Text t : texts) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setFont(t.font());
            int ascent = g2.getFontMetrics().getAscent();
            g2.rotate(Math.toRadians(t.degrees()), t.x(), t.y());
            g2.drawString(t.text(), t.x(), t.y() + ascent);
            g2.dispose();
        }
        g.dispose();
        return img;
    }

    static RgbImage rgb(BufferedImage img) {
        return RgbImage.fromBufferedImage(img, 0xFFFFFF);
    }

    /** A screenshot-like page: {@code n} lines in two columns' worth of fonts. */
    static List<Text> page(int n, int width) {
        String[] words = {"Invoice", "total", "due", "March", "account", "balance", "shipping", "order", "number", "Seoul",
                "paid", "amount", "tax", "receipt", "window", "settings", "profile", "upload", "report", "status"};
        List<Text> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = words[i % words.length] + " " + (1000 + 37 * i) + " " + words[(i * 7 + 3) % words.length];
            out.add(new Text(s, new Font(i % 2 == 0 ? Font.SANS_SERIF : Font.SERIF, Font.PLAIN, 20 + (i % 3) * 2), 40 + (i % 2) * (width / 2),
                    20 + (i / 2) * 64));
        }
        return out;
    }

    /** Levenshtein distance over code points. */
    static int distance(String a, String b) {
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        int[] prev = new int[cb.length + 1];
        int[] cur = new int[cb.length + 1];
        for (int j = 0; j <= cb.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ca.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= cb.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (ca[i - 1] == cb[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[cb.length];
    }

    /** Character error rate of {@code read} against {@code truth}. */
    static double cer(String truth, String read) {
        return truth.isEmpty() ? (read.isEmpty() ? 0 : 1) : (double) distance(truth, read) / truth.codePointCount(0, truth.length());
    }
}
