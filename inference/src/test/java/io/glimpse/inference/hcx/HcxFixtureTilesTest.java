package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.RgbImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real photos against Pillow: fixture_tiles.txt holds the SHA-256 of every grid's raw RGB as
 * make_reference.py (Pillow 9.4.0, spec §5.3 literally) produced it. Hashes only match bit-exact
 * tiles, which is stricter than the ≤ 1 tolerance of the pattern test; the pattern tiles are
 * bit-exact too (max diff 0 observed).
 */
class HcxFixtureTilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"cars.jpg", "australia.jpg", "landscape.jpg", "10809054.jpg"})
    void tilesAreBitExactWithPillow(String name) throws Exception {
        RgbImage image = TestImages.fixture(name);
        List<String[]> expected = expected(name);
        Resolution best = new Resolution(Integer.parseInt(expected.get(0)[2]), Integer.parseInt(expected.get(0)[3]));
        HcxVisionSettings s = HcxVisionSettings.defaults();
        assertThat(AnyRes.selectBestResolution(image.height(), image.width(), s.possibleResolutions())).isEqualTo(best);

        List<RgbImage> tiles = HcxImageProcessor.tiles(image, s);
        assertThat(tiles).hasSize(expected.size());
        for (int g = 0; g < tiles.size(); g++) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tiles.get(g).toByteArray()));
            assertThat(sha).as(name + " grid " + g + " differs from Pillow").isEqualTo(expected.get(g)[4]);
        }
    }

    private static List<String[]> expected(String name) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HcxFixtureTilesTest.class.getResourceAsStream("/hcx/fixture_tiles.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (!line.startsWith("#") && f[0].equals(name)) {
                    rows.add(f);
                }
            }
        }
        assertThat(rows).as("rows for " + name).isNotEmpty();
        return rows;
    }
}
