package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.hcx.AnyRes.ImageTokens;
import io.glimpse.inference.hcx.AnyRes.Size;
import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnyResTest {
    private static final HcxVisionSettings DEFAULTS = HcxVisionSettings.defaults();

    private static HcxVisionSettings unpad(boolean unpad) {
        HcxVisionSettings d = DEFAULTS;
        return new HcxVisionSettings(d.gridSize(), d.patchSize(), d.anyres(), d.maxNumGrids(), d.use1x1Grid(),
                d.possibleResolutions(), unpad, d.queriesImage(), d.queriesVideoSlow(), d.queriesVideoFast(),
                d.firstLastFramesSlow(), d.imageMean(), d.imageStd(), d.rescaleFactor(), d.resample(),
                d.imageTokenId(), d.videoTokenId(), d.maxFramesPerCanvas(), d.maxCanvasesPerVideo(), d.assumptions());
    }

    /** Spec §5.4 worked-example table, every row, unpad true and false. */
    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}, unpad {4}, no unpad {5}")
    @CsvSource({
        "378, 378, 1, 1, 171, 162",
        "224, 224, 1, 1, 171, 162",
        "640, 480, 2, 2, 347, 405",
        "1024, 768, 3, 3, 669, 810",
        "4032, 3024, 3, 3, 669, 810",
        "800, 800, 3, 3, 837, 810",
        "1920, 1080, 2, 4, 675, 729",
        "1080, 1920, 4, 2, 689, 729",
        "3000, 400, 1, 8, 702, 729",
    })
    void workedExamplesOfSpecTable(int w, int h, int rows, int cols, int withUnpad, int withoutUnpad) {
        ImageTokens on = AnyRes.imageTokens(w, h, unpad(true));
        ImageTokens off = AnyRes.imageTokens(w, h, unpad(false));
        assertThat(on.rows()).isEqualTo(rows);
        assertThat(on.cols()).isEqualTo(cols);
        assertThat(on.total()).isEqualTo(withUnpad);
        assertThat(off.total()).isEqualTo(withoutUnpad);
        assertThat(on.globalTokens()).isEqualTo(81);
        assertThat(off.globalTokens()).isEqualTo(81);
        assertThat(off.newlineTokens()).isZero();
        assertThat(off.localTokens()).isEqualTo(rows * 9 * cols * 9);
        assertThat(on.globalTokens() + on.localTokens()).isEqualTo(on.total());
    }

    @Test
    void breakdownOf640x480WithUnpad() {
        // 18x18 map, int(480*18/640)=13 rows of content, pad 2 -> 14 rows of 18 + 14 newlines.
        assertThat(AnyRes.imageTokens(640, 480, unpad(true))).isEqualTo(new ImageTokens(2, 2, 81, 266, 14, 347));
    }

    @Test
    void defaultsUseNoUnpad() {
        assertThat(AnyRes.imageTokens(640, 480, DEFAULTS).total()).isEqualTo(405);
    }

    @Test
    void rebuiltResolutionsAre23ShapesInSpecOrder() {
        List<Resolution> r = DEFAULTS.possibleResolutions();
        assertThat(r).hasSize(23);
        StringBuilder grids = new StringBuilder();
        for (Resolution x : r) {
            grids.append(x.rows(378)).append('x').append(x.cols(378)).append(' ');
        }
        assertThat(grids.toString().trim()).isEqualTo("1x1 1x2 1x3 1x4 1x5 1x6 1x7 1x8 1x9 2x1 2x2 2x3 2x4 "
                + "3x1 3x2 3x3 4x1 4x2 5x1 6x1 7x1 8x1 9x1");
        assertThat(r.get(1)).isEqualTo(new Resolution(378, 756));
        assertThat(HcxVisionSettings.rebuildResolutions(9, false, 378)).hasSize(22)
                .first().isEqualTo(new Resolution(378, 756));
    }

    @Test
    void bestResolutionTiesGoToTheFirstCandidate() {
        // 100x100 fits every shape with eff 10000; least waste is 1x1.
        assertThat(AnyRes.selectBestResolution(100, 100, DEFAULTS.possibleResolutions()))
                .isEqualTo(new Resolution(378, 378));
        // Two identical candidates: the first object wins (strict comparisons).
        Resolution a = new Resolution(378, 756);
        Resolution b = new Resolution(378, 756);
        assertThat(AnyRes.selectBestResolution(300, 600, List.of(a, b))).isSameAs(a);
    }

    @Test
    void geometryOfTheReferencePatterns() {
        Resolution best = AnyRes.selectBestResolution(480, 640, DEFAULTS.possibleResolutions());
        assertThat(best).isEqualTo(new Resolution(756, 756));
        assertThat(AnyRes.localResizeSize(640, 480, best)).isEqualTo(new Size(756, 567));
        assertThat(AnyRes.paddingOffset(new Size(756, 567), new Size(756, 756))).isEqualTo(new Size(0, 94));
        assertThat(AnyRes.thumbnailSize(640, 480, 378)).isEqualTo(new Size(378, 284)); // ceil(283.5)

        Resolution wide = AnyRes.selectBestResolution(300, 1000, DEFAULTS.possibleResolutions());
        assertThat(wide).isEqualTo(new Resolution(378, 1134));
        assertThat(AnyRes.localResizeSize(1000, 300, wide)).isEqualTo(new Size(1134, 341)); // ceil(340.2)
        assertThat(AnyRes.paddingOffset(new Size(1134, 341), new Size(1134, 378))).isEqualTo(new Size(0, 18));
        assertThat(AnyRes.thumbnailSize(300, 1000, 378)).isEqualTo(new Size(114, 378)); // ceil(113.4)
        assertThat(AnyRes.thumbnailSize(500, 500, 378)).isEqualTo(new Size(378, 378));
    }

    @Test
    void smallImagesAreUpscaledToTheGrid() {
        assertThat(AnyRes.localResizeSize(224, 224, new Resolution(378, 378))).isEqualTo(new Size(378, 378));
        assertThat(AnyRes.localResizeSize(100, 50, new Resolution(378, 756))).isEqualTo(new Size(756, 378));
    }

    /** Real fixture sizes (decoded with ImageIO); expected values from the §5.4 formula in Python. */
    @ParameterizedTest(name = "{0}: {1}x{2} -> {3}x{4}, unpad {5}, no unpad {6}")
    @CsvSource({
        "cars.jpg, 467, 311, 1, 2, 216, 243",
        "10809054.jpg, 3840, 2160, 2, 4, 675, 729",
        "landscape.jpg, 1600, 1068, 3, 3, 613, 810",
        "australia.jpg, 1300, 876, 3, 3, 613, 810",
    })
    void fixtureImages(String name, int w, int h, int rows, int cols, int withUnpad, int withoutUnpad)
            throws Exception {
        RgbImage img = TestImages.fixture(name);
        assertThat(img.width()).isEqualTo(w);
        assertThat(img.height()).isEqualTo(h);
        ImageTokens on = AnyRes.imageTokens(w, h, unpad(true));
        assertThat(on.rows()).isEqualTo(rows);
        assertThat(on.cols()).isEqualTo(cols);
        assertThat(on.total()).isEqualTo(withUnpad);
        assertThat(AnyRes.imageTokens(w, h, unpad(false)).total()).isEqualTo(withoutUnpad);
    }

    @Test
    void invalidSizesAreRefusedWithTheValues() {
        assertThatThrownBy(() -> AnyRes.imageTokens(0, 480, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x480");
        assertThatThrownBy(() -> AnyRes.imageTokens(640, -1, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("640x-1");
        assertThatThrownBy(() -> AnyRes.selectBestResolution(10, 10, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x10");
        assertThatThrownBy(() -> AnyRes.thumbnailSize(5, 0, 378))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5x0");
    }
}
