package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glimpse.inference.testmodel.Ort.Tensor;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated vision_encoder and embed_tokens graphs, run with ONNX Runtime. */
class VisionGraphsTest {
    static final int D = 64;
    static final int PIXELS = 3 * 378 * 378;

    @TempDir
    static Path dir;
    static Path probe;
    static Path random;

    @BeforeAll
    static void write() throws Exception {
        probe = dir.resolve("probe");
        random = dir.resolve("random");
        TestModelWriter.write(probe, Family.HCX_VISION_PROBE, 0);
        TestModelWriter.write(random, Family.HCX_VISION, 42);
    }

    /** Tile 0 all 0.5, tile 1 all -0.25, tile 2 random in [-1, 1): the first two means are exact in float. */
    static float[] threeTiles() {
        float[] px = new float[3 * PIXELS];
        Arrays.fill(px, 0, PIXELS, 0.5f);
        Arrays.fill(px, PIXELS, 2 * PIXELS, -0.25f);
        Random r = new Random(7);
        for (int i = 2 * PIXELS; i < 3 * PIXELS; i++) {
            px[i] = r.nextFloat() * 2 - 1;
        }
        return px;
    }

    static Tensor encode(Path folder, float[] px, long... queries) throws Exception {
        try (Ort ort = new Ort(folder.resolve("onnx/vision_encoder.onnx"))) {
            return ort.floats("pixel_values", px, px.length / PIXELS, 3, 378, 378)
                    .longs("num_queries", queries, queries.length).run().get("image_features");
        }
    }

    @Test
    void probeEncoderRowsNameTileQueryMeanAndQueryCount() throws Exception {
        float[] px = threeTiles();
        double mean2 = 0;
        for (int i = 2 * PIXELS; i < 3 * PIXELS; i++) {
            mean2 += px[i];
        }
        mean2 /= PIXELS;
        Tensor f = encode(probe, px, 81, 9, 81);
        assertThat(f.shape()).containsExactly(171, D);
        int row = 0;
        int[] queries = {81, 9, 81};
        float[] means = {0.5f, -0.25f, 0};
        for (int g = 0; g < 3; g++) {
            for (int q = 0; q < queries[g]; q++, row++) {
                assertThat(f.at(row, 0)).as("row %d tile", row).isEqualTo(g);
                assertThat(f.at(row, 1)).as("row %d query", row).isEqualTo(q);
                if (g < 2) {
                    assertThat(f.at(row, 2)).as("row %d mean", row).isEqualTo(means[g]);
                } else {
                    assertThat((double) f.at(row, 2)).as("row %d mean", row).isCloseTo(mean2, within(1e-5));
                }
                assertThat(f.at(row, 3)).as("row %d Q", row).isEqualTo(queries[g]);
                for (int c = 4; c < D; c++) {
                    assertThat(f.at(row, c)).isZero();
                }
            }
        }
    }

    @Test
    void probeEncoderTakesAnyQueryCountPerTile() throws Exception {
        float[] px = new float[2 * PIXELS];
        Tensor f = encode(probe, px, 4, 16);
        assertThat(f.shape()).containsExactly(20, D);
        assertThat(f.at(3, 1)).isEqualTo(3);
        assertThat(f.at(4, 0)).isEqualTo(1);
        assertThat(f.at(4, 1)).isZero();
        assertThat(f.at(19, 1)).isEqualTo(15);
    }

    /** Compress keeps tile order and, per tile, the slow (81) or the fast (9) rows of that tile. */
    @Test
    void randomEncoderPicksEachTilesRowsInOrder() throws Exception {
        float[] px = threeTiles();
        Tensor mixed = encode(random, px, 81, 9, 81);
        Tensor slow = encode(random, px, 81, 81, 81);
        Tensor fast = encode(random, px, 9, 9, 9);
        assertThat(mixed.shape()).containsExactly(171, D);
        assertThat(slow.shape()).containsExactly(243, D);
        assertThat(fast.shape()).containsExactly(27, D);
        float[] expected = new float[171 * D];
        System.arraycopy(slow.data(), 0, expected, 0, 81 * D);
        System.arraycopy(fast.data(), 9 * D, expected, 81 * D, 9 * D);
        System.arraycopy(slow.data(), 162 * D, expected, 90 * D, 81 * D);
        assertThat(mixed.data()).containsExactly(expected);
        // a constant tile pools to the same colour everywhere: all its rows are equal; tile 2's are not
        assertThat(Arrays.copyOfRange(slow.data(), 80 * D, 81 * D)).containsExactly(Arrays.copyOfRange(slow.data(), 0, D));
        assertThat(Arrays.copyOfRange(slow.data(), 163 * D, 164 * D))
                .isNotEqualTo(Arrays.copyOfRange(slow.data(), 162 * D, 163 * D));
        assertThat(Arrays.copyOfRange(slow.data(), 0, D)).isNotEqualTo(Arrays.copyOfRange(slow.data(), 81 * D, 82 * D));
    }

    @Test
    void embedRowsOfTheProbeNameTheirId() throws Exception {
        try (Ort ort = new Ort(probe.resolve("onnx/embed_tokens.onnx"))) {
            Tensor e = ort.longs("input_ids", new long[] {0, 97, 261, 263}, 1, 4).run().get("inputs_embeds");
            assertThat(e.shape()).containsExactly(1, 4, D);
            long[] ids = {0, 97, 261, 263};
            for (int s = 0; s < 4; s++) {
                assertThat(e.at(0, s, 0)).isEqualTo(-(ids[s] + 1));
                for (int c = 1; c < D; c++) {
                    assertThat(e.at(0, s, c)).isZero();
                }
            }
        }
    }

    @Test
    void randomEmbedGivesOneFixedRowPerId() throws Exception {
        try (Ort ort = new Ort(random.resolve("onnx/embed_tokens.onnx"))) {
            Tensor e = ort.longs("input_ids", new long[] {5, 9, 5}, 1, 3).run().get("inputs_embeds");
            assertThat(e.shape()).containsExactly(1, 3, D);
            float[] first = Arrays.copyOfRange(e.data(), 0, D);
            assertThat(Arrays.copyOfRange(e.data(), 2 * D, 3 * D)).containsExactly(first);
            assertThat(Arrays.copyOfRange(e.data(), D, 2 * D)).isNotEqualTo(first);
            double sq = 0;
            for (float v : first) {
                sq += v * v;
            }
            assertThat(Math.sqrt(sq / D)).isBetween(0.005, 0.05); // N(0, 0.02²) rows
        }
    }
}
