package io.glimpse.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled PaddleOCR models on text drawn with Java2D: what was drawn is what is read, in raster
 * order. Each test prints its character error rate (CER) so a drift shows before it fails.
 */
class OcrRenderedTest {
    static OcrEngine engine;

    @BeforeAll
    static void open() throws Exception {
        engine = OcrEngine.open(OcrModels.bundled(), RuntimeOptions.cpu());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static OcrResult read(java.awt.image.BufferedImage img, boolean classify) {
        return engine.read(OcrPictures.rgb(img), classify, OcrListener.NONE, CancelToken.NONE);
    }

    static List<String> texts(OcrResult r) {
        return r.lines().stream().map(OcrLine::text).toList();
    }

    static void reportCer(String name, List<String> truth, OcrResult r) {
        String t = String.join("\n", truth);
        System.out.printf(java.util.Locale.ROOT, "%s: CER %.4f (%d lines drawn, %d read) %s%n", name,
                OcrPictures.cer(t, r.text()), truth.size(), r.lines().size(), texts(r));
    }

    @Test
    void severalFontsAndSizesReadExactly() {
        List<OcrPictures.Text> drawn = List.of(
                new OcrPictures.Text("Quarterly report 2024", new Font(Font.SANS_SERIF, Font.PLAIN, 40), 30, 20),
                new OcrPictures.Text("Total amount due: 1,250.00", new Font(Font.SERIF, Font.PLAIN, 28), 30, 100),
                new OcrPictures.Text("Account number 88412-07", new Font(Font.MONOSPACED, Font.PLAIN, 22), 30, 170),
                new OcrPictures.Text("Please pay before March 31", new Font(Font.SANS_SERIF, Font.BOLD, 18), 30, 230),
                new OcrPictures.Text("Thank you for your order", new Font(Font.SERIF, Font.ITALIC, 32), 30, 280));
        OcrResult r = read(OcrPictures.draw(900, 360, Color.WHITE, Color.BLACK, drawn), false);
        List<String> truth = drawn.stream().map(OcrPictures.Text::text).toList();
        reportCer("fonts and sizes", truth, r);
        assertThat(texts(r)).hasSize(5);
        // plain sans-serif, serif and bold read exactly, spaces included
        assertThat(List.of(texts(r).get(0), texts(r).get(1), texts(r).get(3)))
                .containsExactly(truth.get(0), truth.get(1), truth.get(3));
        // monospaced and italic read every character but PP-OCRv4's Chinese recogniser drops their word spaces
        // (PaddleOCR itself reads them so): the characters must still be exact
        assertThat(List.of(noSpaces(texts(r).get(2)), noSpaces(texts(r).get(4))))
                .containsExactly(noSpaces(truth.get(2)), noSpaces(truth.get(4)));
        assertRasterOrder(r);
    }

    @Test
    void twoColumnsReadRowByRowAcrossBoth() {
        List<OcrPictures.Text> drawn = List.of(
                new OcrPictures.Text("Left column first", new Font(Font.SANS_SERIF, Font.PLAIN, 26), 30, 30),
                new OcrPictures.Text("Right column first", new Font(Font.SANS_SERIF, Font.PLAIN, 26), 520, 34),
                new OcrPictures.Text("Left column second", new Font(Font.SANS_SERIF, Font.PLAIN, 26), 30, 110),
                new OcrPictures.Text("Right column second", new Font(Font.SANS_SERIF, Font.PLAIN, 26), 520, 106));
        OcrResult r = read(OcrPictures.draw(1000, 200, Color.WHITE, Color.DARK_GRAY, drawn), false);
        List<String> truth = drawn.stream().map(OcrPictures.Text::text).toList();
        reportCer("two columns", truth, r);
        // tops 4 pixels apart are one row: left before right, then the next row
        assertThat(texts(r)).containsExactlyElementsOf(truth);
        assertRasterOrder(r);
    }

    @Test
    void lightTextOnDarkReads() {
        List<OcrPictures.Text> drawn = List.of(
                new OcrPictures.Text("Dark mode settings", new Font(Font.SANS_SERIF, Font.PLAIN, 30), 40, 40),
                new OcrPictures.Text("Sign out of all devices", new Font(Font.SANS_SERIF, Font.PLAIN, 22), 40, 120));
        OcrResult r = read(OcrPictures.draw(700, 200, new Color(30, 30, 36), new Color(235, 235, 235), drawn), false);
        List<String> truth = drawn.stream().map(OcrPictures.Text::text).toList();
        reportCer("light on dark", truth, r);
        assertThat(texts(r)).containsExactlyElementsOf(truth);
    }

    @Test
    void anUpsideDownLineReadsWithTheClassifierOnly() {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
        // turned 180 degrees about its start: it lies up and to the left of (x, y)
        List<OcrPictures.Text> drawn = List.of(
                new OcrPictures.Text("Upright line above", font, 60, 30),
                new OcrPictures.Text("This line is upside down", font, 560, 190, 180));
        var img = OcrPictures.draw(640, 220, Color.WHITE, Color.BLACK, drawn);
        OcrResult with = read(img, true);
        reportCer("upside down, classifier on", List.of("Upright line above", "This line is upside down"), with);
        assertThat(texts(with)).containsExactly("Upright line above", "This line is upside down");
        OcrResult without = read(img, false);
        reportCer("upside down, classifier off", List.of("Upright line above", "This line is upside down"), without);
        assertThat(texts(without)).doesNotContain("This line is upside down");
    }

    @Test
    void aSlantedLineIsStraightenedAndRead() {
        List<OcrPictures.Text> drawn = List.of(
                new OcrPictures.Text("Slanted by ten degrees", new Font(Font.SERIF, Font.PLAIN, 30), 40, 40, 10));
        OcrResult r = read(OcrPictures.draw(640, 240, Color.WHITE, Color.BLACK, drawn), true);
        reportCer("slanted 10 degrees", List.of("Slanted by ten degrees"), r);
        // every character; the word spaces of a slanted line are dropped like the italic ones above
        assertThat(texts(r)).hasSize(1);
        assertThat(noSpaces(texts(r).get(0))).isEqualTo("Slantedbytendegrees");
        Quad q = r.lines().get(0).box();
        // the box follows the slant: its right end is lower than its left
        assertThat(q.y1() - q.y0()).isGreaterThan(40);
    }

    static String noSpaces(String s) {
        return s.replace(" ", "");
    }

    static void assertRasterOrder(OcrResult r) {
        for (int i = 1; i < r.lines().size(); i++) {
            Quad a = r.lines().get(i - 1).box();
            Quad b = r.lines().get(i).box();
            boolean sameRow = Math.abs(a.y0() - b.y0()) < RasterOrder.SAME_ROW;
            assertThat(sameRow ? b.x0() > a.x0() : b.y0() > a.y0()).as("line %d after line %d", i, i - 1).isTrue();
        }
    }
}
