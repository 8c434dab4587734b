package io.glimpse.media.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Argument checking and properties that need no Pillow reference. */
class PilResamplerTest {

    private static final RgbImage SRC = SyntheticPattern.create(97, 61, 1);

    @ParameterizedTest
    @CsvSource({"0, 10", "10, 0", "-1, 10", "10, -5", "0, 0"})
    void rejectsNonPositiveSizes(int w, int h) {
        for (ResampleFilter filter : ResampleFilter.values()) {
            assertThatThrownBy(() -> PilResampler.resize(SRC, w, h, filter))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(w + "x" + h);
            assertThatThrownBy(() -> PilResampler.resize(SRC, w, h, filter, 0, 0, 10, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(w + "x" + h);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "-1, 0, 10, 10",     // negative offset
        "0, -0.5, 10, 10",
        "0, 0, 98, 10",      // beyond the 97x61 source
        "0, 0, 10, 61.5",
        "10, 0, 5, 10",      // right < left
        "0, 10, 10, 5",
        "NaN, 0, 10, 10",
        "0, 0, Infinity, 10"})
    void rejectsBadBoxes(double l, double t, double r, double b) {
        assertThatThrownBy(() -> PilResampler.resize(SRC, 20, 20, ResampleFilter.BICUBIC, l, t, r, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("box");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> PilResampler.resize(null, 5, 5, ResampleFilter.LANCZOS))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PilResampler.resize(SRC, 5, 5, null))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void sameSizeIsAnIdentity(ResampleFilter filter) {
        RgbImage out = PilResampler.resize(SRC, SRC.width(), SRC.height(), filter);
        assertThat(out).isEqualTo(SRC);
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void uniformImageStaysUniform(ResampleFilter filter) {
        RgbImage flat = RgbImage.filled(53, 31, 12, 200, 255);
        assertThat(PilResampler.resize(flat, 17, 80, filter)).isEqualTo(RgbImage.filled(17, 80, 12, 200, 255));
    }

    /**
     * Tiles resized with boxes assemble into the full resize when the tile edges fall on the same
     * sample positions: 97 → 40 columns (scale 2.425) split at source x = 48.5 / output x = 20, and
     * 61 → 25 rows (scale 2.44) split at source y = 24.4 / output y = 10.
     */
    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void boxTilesAssembleIntoTheFullResize(ResampleFilter filter) {
        RgbImage full = PilResampler.resize(SRC, 40, 25, filter);
        byte[] assembled = new byte[40 * 25 * 3];
        double[] xs = {0, 48.5, 97};
        int[] ox = {0, 20, 40};
        double[] ys = {0, 24.4, 61};
        int[] oy = {0, 10, 25};
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                int tw = ox[tx + 1] - ox[tx];
                int th = oy[ty + 1] - oy[ty];
                RgbImage tile = PilResampler.resize(SRC, tw, th, filter, xs[tx], ys[ty], xs[tx + 1], ys[ty + 1]);
                byte[] t = tile.toByteArray();
                for (int r = 0; r < th; r++) {
                    System.arraycopy(t, r * tw * 3, assembled, ((oy[ty] + r) * 40 + ox[tx]) * 3, tw * 3);
                }
            }
        }
        ImageDiff diff = ImageDiff.of(RgbImage.wrap(40, 25, assembled), full);
        assertThat(diff.maxAbs()).as("%s", diff).isLessThanOrEqualTo(1);
    }
}
