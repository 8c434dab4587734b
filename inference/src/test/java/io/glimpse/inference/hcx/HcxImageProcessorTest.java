package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.RgbImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HcxImageProcessorTest {
    private static final HcxVisionSettings DEFAULTS = HcxVisionSettings.defaults();

    /** Every grid against make_reference.py (Pillow 9.4 following §5.3 literally): max diff ≤ 1. */
    @ParameterizedTest(name = "{0}x{1}: {2} grids")
    @CsvSource({"640, 480, 5", "1000, 300, 4"})
    void tilesMatchPillowReference(int w, int h, int grids) {
        List<RgbImage> tiles = HcxImageProcessor.tiles(TestImages.pattern(w, h), DEFAULTS);
        assertThat(tiles).hasSize(grids);
        for (int g = 0; g < grids; g++) {
            RgbImage ref = TestImages.reference("pattern_" + w + "x" + h + "_grid" + g + ".png");
            assertThat(TestImages.maxAbsDiff(tiles.get(g), ref)).as("grid " + g).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void paddingIsGreyAndCentred() {
        List<RgbImage> tiles = HcxImageProcessor.tiles(TestImages.pattern(640, 480), DEFAULTS);
        // Thumbnail 378x284 at y offset 47: rows 0..46 and 331..377 are pad fill.
        RgbImage thumb = tiles.get(0);
        for (int c = 0; c < 3; c++) {
            assertThat(thumb.sample(10, 46, c)).isEqualTo(127);
            assertThat(thumb.sample(10, 331, c)).isEqualTo(127);
        }
        assertThat(thumb.sample(10, 47, 2)).isNotEqualTo(127);
        // Local 756x567 at y offset 94 in 756x756: tile 1 (top right) rows < 94 are grey.
        assertThat(tiles.get(2).sample(200, 93, 0)).isEqualTo(127);
        assertThat(tiles.get(2).sample(200, 94, 0)).isNotEqualTo(127);
    }

    @Test
    void tinyImageIsUpscaledToOneGrid() {
        List<RgbImage> tiles = HcxImageProcessor.tiles(RgbImage.filled(1, 1, 200, 10, 30), DEFAULTS);
        assertThat(tiles).hasSize(2);
        assertThat(tiles.get(1).rgbAt(377, 377)).isEqualTo(0xC80A1E);
    }

    @Test
    void normalizationOfKnownPixels() {
        RgbImage tile = RgbImage.filled(378, 378, 0, 255, 127);
        float[] px = HcxImageProcessor.pixelValues(List.of(tile, tile), DEFAULTS);
        int plane = 378 * 378;
        assertThat(px).hasSize(2 * 3 * plane);
        assertThat(px[0]).isEqualTo(-1.0f);              // R = 0
        assertThat(px[plane]).isEqualTo(1.0f);           // G = 255
        assertThat(px[2 * plane]).isEqualTo(((float) (127 * (1.0 / 255)) - 0.5f) / 0.5f); // B = 127
        assertThat((double) px[2 * plane]).isCloseTo(-0.00392156862745098, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(px[3 * plane + 2 * plane + plane - 1]).isEqualTo(px[2 * plane]); // last B of grid 1
    }

    @Test
    void fullImagePipelineShape() {
        List<RgbImage> tiles = HcxImageProcessor.tiles(TestImages.pattern(640, 480), DEFAULTS);
        float[] px = HcxImageProcessor.pixelValues(tiles, DEFAULTS);
        assertThat(px).hasSize(5 * 3 * 378 * 378);
        float grey = ((float) (127 * (1.0 / 255)) - 0.5f) / 0.5f;
        assertThat(px[0]).isEqualTo(grey);                     // thumbnail row 0 is padding
        // Grid 1 (first local tile), G plane at (x 5, y 200), against Pillow's value in the reference PNG.
        int g = TestImages.reference("pattern_640x480_grid1.png").sample(5, 200, 1);
        assertThat(px[3 * 378 * 378 + 378 * 378 + 200 * 378 + 5]).isEqualTo(((float) (g * (1.0 / 255)) - 0.5f) / 0.5f);
    }

    @Test
    void pixelLayoutIsNchw() {
        byte[] b = new byte[378 * 378 * 3];
        b[(5 * 378 + 7) * 3 + 1] = (byte) 255; // G at x=7, y=5
        float[] px = HcxImageProcessor.pixelValues(List.of(RgbImage.wrap(378, 378, b)), DEFAULTS);
        assertThat(px[378 * 378 + 5 * 378 + 7]).isEqualTo(1.0f);
        assertThat(px[378 * 378 + 5 * 378 + 8]).isEqualTo(-1.0f);
    }

    @Test
    void wrongTileSizeIsRefused() {
        assertThatThrownBy(() -> HcxImageProcessor.pixelValues(List.of(RgbImage.filled(10, 378, 0, 0, 0)), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x378");
    }
}
