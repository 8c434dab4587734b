package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.media.resize.ResampleFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feature rows are labelled [tile, query, 7] (d = 3) and the newline is [-1, -1, -1], so the
 * stitched output reads back as the exact sequence of (tile, query) pairs. Expected sequences are
 * written the way hcx-spec.md §5.5 states the rule: view the local tiles as [rows, cols, 9, 9],
 * permute to [rows, 9, cols, 9], flatten, crop the window, newline after each kept row.
 */
class FeatureStitcherTest {
    static final int D = 3;
    static final List<Integer> NEWLINE = List.of(-1, -1);

    static HcxVisionSettings settings(boolean unpad) {
        HcxVisionSettings d = HcxVisionSettings.defaults();
        return new HcxVisionSettings(378, 14, true, 9, true, null, unpad, 81, 81, 9, false,
                List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5), 1.0 / 255, ResampleFilter.BICUBIC,
                d.imageTokenId(), d.videoTokenId(), 9, 12, List.of());
    }

    static float[] labelledRows(int tiles, int queries) {
        float[] rows = new float[tiles * queries * D];
        for (int t = 0; t < tiles; t++) {
            for (int q = 0; q < queries; q++) {
                int at = (t * queries + q) * D;
                rows[at] = t;
                rows[at + 1] = q;
                rows[at + 2] = 7;
            }
        }
        return rows;
    }

    static List<List<Integer>> labels(float[] rows) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i += D) {
            out.add(List.of((int) rows[i], (int) rows[i + 1]));
        }
        return out;
    }

    /** §5.5 as written: global 81, then the permuted local map cropped to [top, top+h) × [left, left+w). */
    static List<List<Integer>> expectedImage(int gridRows, int gridCols, int top, int height, int left, int width,
                                             boolean newline) {
        List<List<Integer>> out = new ArrayList<>();
        for (int q = 0; q < 81; q++) {
            out.add(List.of(0, q));
        }
        int mapRow = 0;
        for (int gr = 0; gr < gridRows; gr++) {
            for (int iy = 0; iy < 9; iy++, mapRow++) {
                if (mapRow < top || mapRow >= top + height) {
                    continue;
                }
                int mapCol = 0;
                for (int gc = 0; gc < gridCols; gc++) {
                    for (int ix = 0; ix < 9; ix++, mapCol++) {
                        if (mapCol >= left && mapCol < left + width) {
                            out.add(List.of(1 + gr * gridCols + gc, iy * 9 + ix));
                        }
                    }
                }
                if (newline) {
                    out.add(NEWLINE);
                }
            }
        }
        return out;
    }

    static List<List<Integer>> stitch(int width, int height, boolean unpad) {
        FeatureStitcher.ImageLayout layout = FeatureStitcher.imageLayout(width, height, settings(unpad));
        float[] out = FeatureStitcher.image(labelledRows(layout.tiles(), 81), D, layout, new float[] {-1, -1, -1});
        assertThat(out.length / D).isEqualTo(layout.outputRows());
        return labels(out);
    }

    @Test
    void twoByTwoWithoutUnpadIsTheWholeMapInRasterOrderAcrossTiles() {
        List<List<Integer>> rows = stitch(640, 480, false);
        assertThat(rows).hasSize(405); // hcx-spec.md §5.4 table: 640x480, unpad=false
        assertThat(rows.subList(0, 3)).containsExactly(List.of(0, 0), List.of(0, 1), List.of(0, 2));
        // map row 0 runs through tile 1's first query row, then tile 2's
        assertThat(rows.get(81)).isEqualTo(List.of(1, 0));
        assertThat(rows.get(89)).isEqualTo(List.of(1, 8));
        assertThat(rows.get(90)).isEqualTo(List.of(2, 0));
        assertThat(rows.get(99)).isEqualTo(List.of(1, 9));
        assertThat(rows.get(81 + 9 * 18)).isEqualTo(List.of(3, 0)); // map row 9 starts the second grid row
        assertThat(rows.get(404)).isEqualTo(List.of(4, 80));
        assertThat(rows).isEqualTo(expectedImage(2, 2, 0, 18, 0, 18, false));
    }

    @Test
    void twoByTwoWithUnpadCropsTwoMapRowsTopAndBottomAndEndsEachRowWithTheNewline() {
        List<List<Integer>> rows = stitch(640, 480, true);
        assertThat(rows).hasSize(347); // §5.4 table: 640x480, unpad=true
        assertThat(rows.get(81)).isEqualTo(List.of(1, 18)); // map row 2 (rows 0 and 1 cropped)
        assertThat(rows.get(81 + 18)).isEqualTo(NEWLINE);
        assertThat(rows.get(81 + 19)).isEqualTo(List.of(1, 27));
        assertThat(rows.get(346)).isEqualTo(NEWLINE);
        assertThat(rows.get(345)).isEqualTo(List.of(4, 6 * 9 + 8)); // map row 15 = tile 4's query row 6
        assertThat(rows).isEqualTo(expectedImage(2, 2, 2, 14, 0, 18, true));
    }

    @Test
    void oneByThreeCropsRowsForAWideImage() {
        assertThat(stitch(1134, 300, true)).isEqualTo(expectedImage(1, 3, 1, 7, 0, 27, true)).hasSize(81 + 7 * 28);
        assertThat(stitch(1134, 300, false)).isEqualTo(expectedImage(1, 3, 0, 9, 0, 27, false)).hasSize(81 + 243);
    }

    @Test
    void threeByOneCropsColumnsForATallImage() {
        List<List<Integer>> rows = stitch(300, 1134, true);
        assertThat(rows).isEqualTo(expectedImage(3, 1, 0, 27, 1, 7, true)).hasSize(81 + 27 * 8);
        assertThat(rows.get(81)).isEqualTo(List.of(1, 1)); // column 0 cropped
        assertThat(rows.get(81 + 7)).isEqualTo(NEWLINE);
        assertThat(stitch(300, 1134, false)).isEqualTo(expectedImage(3, 1, 0, 27, 0, 9, false));
    }

    @Test
    void videoQueriesAreSlowForTheFirstGridOfEachCanvas() {
        assertThat(FeatureStitcher.videoQueries(1, settings(false))).containsExactly(81);
        assertThat(FeatureStitcher.videoQueries(8, settings(false))).containsExactly(81, 9, 9, 9, 9, 9, 9, 9);
        assertThat(FeatureStitcher.videoQueries(10, settings(false))).containsExactly(81, 9, 9, 9, 9, 9, 9, 9, 9, 81);
    }

    @Test
    void videoRowsStayInGridOrderCanvasAfterCanvas() {
        int[] queries = FeatureStitcher.videoQueries(10, settings(false));
        // grid g's rows labelled [g, q]: 9 grids of canvas 1 (81 + 8·9), then canvas 2's single grid (81)
        int total = 0;
        for (int g = 0; g < queries.length; g++) {
            total += queries[g];
        }
        float[] rows = new float[total * D];
        int at = 0;
        for (int g = 0; g < queries.length; g++) {
            for (int q = 0; q < queries[g]; q++, at++) {
                rows[at * D] = g;
                rows[at * D + 1] = q;
            }
        }
        List<List<Integer>> out = labels(FeatureStitcher.video(rows, D, queries));
        assertThat(out).hasSize(81 + 8 * 9 + 81);
        assertThat(out.get(80)).isEqualTo(List.of(0, 80));
        assertThat(out.get(81)).isEqualTo(List.of(1, 0));
        assertThat(out.get(81 + 8 * 9 - 1)).isEqualTo(List.of(8, 8));
        assertThat(out.get(81 + 8 * 9)).isEqualTo(List.of(9, 0));
        assertThat(out.get(out.size() - 1)).isEqualTo(List.of(9, 80));
    }

    @Test
    void aWrongRowCountIsRefusedWithBothNumbers() {
        FeatureStitcher.ImageLayout layout = FeatureStitcher.imageLayout(640, 480, settings(false));
        assertThatThrownBy(() -> FeatureStitcher.image(new float[4 * 81 * D], D, layout, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the encoder gave 324 rows for an image of 5 tiles, expected 405");
        assertThatThrownBy(() -> FeatureStitcher.video(new float[80 * D], D, new int[] {81}))
                .hasMessage("the encoder gave 80 rows for a video of 1 grids, expected 81");
    }

    @Test
    void aNewlineOfTheWrongWidthIsRefused() {
        FeatureStitcher.ImageLayout layout = FeatureStitcher.imageLayout(640, 480, settings(true));
        assertThatThrownBy(() -> FeatureStitcher.image(labelledRows(5, 81), D, layout, new float[2]))
                .hasMessage("the image newline has 2 values, expected the hidden size 3");
    }
}
