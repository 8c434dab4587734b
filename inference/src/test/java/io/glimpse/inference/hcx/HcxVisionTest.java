package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.ledger.VisualCosts;
import org.junit.jupiter.api.Test;

class HcxVisionTest {
    final HcxVision costs = new HcxVision(HcxVisionSettings.defaults());

    @Test
    void imageCountsAreTheProcessorsWithTheirBreakdown() {
        VisualCosts.ImageCost c = costs.image(640, 480, 9); // 2x2, unpad off by default: 81 + 324
        assertThat(c.tokens()).isEqualTo(405);
        assertThat(c.detail()).containsEntry("grid", "2x2").containsEntry("global", 81).containsEntry("local", 324)
                .containsEntry("newlines", 0).containsEntry("resized", "756x567");
        assertThat(c.warning()).isNull();
    }

    @Test
    void aLowerGridLimitShrinksTheGridAndWarnsOfTheDownscale() {
        assertThat(costs.image(4032, 3024, 9).detail()).containsEntry("grid", "3x3");
        VisualCosts.ImageCost limited = costs.image(4032, 3024, 4);
        assertThat(limited.detail()).containsEntry("grid", "2x2");
        assertThat(limited.tokens()).isEqualTo(81 + 18 * 18);
        assertThat(limited.warning()).isEqualTo("downscaled from 4032x3024 to 756x567 (2x2 grids of 378 px)");
        assertThat(costs.image(4032, 3024, 1).tokens()).isEqualTo(81 + 81);
    }

    @Test
    void tilesHonourTheGridLimit() {
        io.glimpse.media.RgbImage photo = io.glimpse.media.RgbImage.filled(4032, 3024, 10, 20, 30);
        assertThat(costs.imageTiles(photo, 9)).hasSize(1 + 9);
        assertThat(costs.imageTiles(photo, 4)).hasSize(1 + 4).allSatisfy(t -> assertThat(t.width()).isEqualTo(378));
    }

    @Test
    void videoCountsAreCanvases() {
        assertThat(costs.video(10).canvasTokens()).containsExactly(153, 81);
        assertThat(costs.video(108).tokens()).isEqualTo(1836);
        assertThat(costs.video(200).framesDropped()).isEqualTo(92);
    }
}
