package io.glimpse.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.media.CancelToken;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model-free parts: detector sizes, DB post-processing, raster order and CTC decoding, on numbers worked out by hand. */
class OcrPartsTest {
    @Test
    void detectorInputIsAtMost960OnTheLongSideInMultiplesOf32() {
        assertThat(TextDetector.inputSize(1280, 720)).containsExactly(960, 544); // 540 rounds to 544
        assertThat(TextDetector.inputSize(640, 480)).containsExactly(640, 480);
        assertThat(TextDetector.inputSize(100, 50)).containsExactly(96, 64); // 50/32 = 1.56 rounds to 2
        assertThat(TextDetector.inputSize(1, 1)).containsExactly(32, 32);
        assertThat(TextDetector.inputSize(4032, 3024)).containsExactly(960, 704); // 720/32 = 22.5, half to even: 22
    }

    @Test
    void aConfidentRectangleBecomesAnUnclippedBoxInPicturePixels() {
        int w = 64;
        int h = 32;
        float[] prob = new float[w * h];
        // a 40 x 8 region at (10, 12) with probability 0.9
        for (int y = 12; y < 20; y++) {
            for (int x = 10; x < 50; x++) {
                prob[y * w + x] = 0.9f;
            }
        }
        List<DbPostProcess.Box> boxes = DbPostProcess.boxes(prob, w, h, w * 2, h * 2, CancelToken.NONE);
        assertThat(boxes).hasSize(1);
        DbPostProcess.Box b = boxes.get(0);
        assertThat(b.score()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        // pixel centres span 39 x 7; unclip grows each side by 39*7*1.5/92 = 4.45, then x2 to the picture
        Quad q = b.quad();
        assertThat(q.x0()).isCloseTo(2 * (10 - 4.45), org.assertj.core.data.Offset.offset(1.5));
        assertThat(q.x1()).isCloseTo(2 * (49 + 4.45), org.assertj.core.data.Offset.offset(1.5));
        assertThat(q.y0()).isCloseTo(2 * (12 - 4.45), org.assertj.core.data.Offset.offset(1.5));
        assertThat(q.y3()).isCloseTo(2 * (19 + 4.45), org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void weakOrThinRegionsAreDropped() {
        int w = 64;
        int h = 32;
        float[] prob = new float[w * h];
        for (int x = 5; x < 60; x++) {
            prob[3 * w + x] = 0.99f; // one pixel high: its rectangle's short side is 0
            prob[4 * w + x] = 0.99f; // now 1 (centres), still under 3
        }
        for (int y = 12; y < 24; y++) {
            for (int x = 10; x < 50; x++) {
                prob[y * w + x] = 0.5f; // above 0.3 but its mean is under 0.6
            }
        }
        assertThat(DbPostProcess.boxes(prob, w, h, w, h, CancelToken.NONE)).isEmpty();
    }

    @Test
    void boxesGoTopToBottomAndLeftToRightWithinARow() {
        Quad a = box(300, 12); // right, a little lower than b: same row
        Quad b = box(10, 5);
        Quad c = box(10, 60);
        Quad d = box(300, 58);
        assertThat(RasterOrder.sort(List.of(a, c, d, b), q -> q)).containsExactly(b, a, c, d);
        // 10 pixels apart or more: the lower box is the next row even when it is left
        Quad e = box(10, 22);
        assertThat(RasterOrder.sort(List.of(e, a), q -> q)).containsExactly(a, e);
    }

    @Test
    void ctcMergesRepeatsDropsBlanksAndAveragesConfidence() {
        CtcDecoder d = new CtcDecoder(List.of("a", "b"));
        assertThat(d.classCount()).isEqualTo(4); // blank, a, b, space
        // steps: a a blank a b space  → "aa b"? no: a(merged) , blank, a, b, space → "aab "
        float[] p = {
            0.1f, 0.8f, 0.05f, 0.05f,
            0.1f, 0.6f, 0.2f, 0.1f,
            0.9f, 0.05f, 0.05f, 0f,
            0.1f, 0.7f, 0.1f, 0.1f,
            0.1f, 0.1f, 0.7f, 0.1f,
            0.1f, 0.1f, 0.1f, 0.7f};
        CtcDecoder.Decoded r = d.decode(p, 0, 6);
        assertThat(r.text()).isEqualTo("aab ");
        // kept: 0.8 (first a), 0.7 (a after blank), 0.7 (b), 0.7 (space)
        assertThat(r.confidence()).isCloseTo((0.8 + 0.7 + 0.7 + 0.7) / 4, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.decode(new float[] {1, 0, 0, 0}, 0, 1)).isEqualTo(new CtcDecoder.Decoded("", 0));
    }

    @Test
    void dictionaryLinesKeepTheirSpacesAndLoseOnlyLineEnds() {
        assertThat(OcrModels.lines("a\r\nb\n \nc\n")).containsExactly("a", "b", " ", "c");
        assertThat(OcrModels.bundled().dictionary()).hasSize(6623).startsWith("'");
    }

    private static Quad box(double x, double y) {
        return new Quad(x, y, x + 100, y, x + 100, y + 20, x, y + 20);
    }
}
