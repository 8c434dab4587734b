package io.glimpse.inference.hcx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.hcx.HcxVideoProcessor.VideoTokens;
import io.glimpse.media.RgbImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HcxVideoProcessorTest {
    private static final HcxVisionSettings DEFAULTS = HcxVisionSettings.defaults();

    private static HcxVisionSettings firstLastSlow() {
        HcxVisionSettings d = DEFAULTS;
        return new HcxVisionSettings(d.gridSize(), d.patchSize(), d.anyres(), d.maxNumGrids(), d.use1x1Grid(),
                d.possibleResolutions(), d.unpad(), d.queriesImage(), d.queriesVideoSlow(), d.queriesVideoFast(),
                true, d.imageMean(), d.imageStd(), d.rescaleFactor(), d.resample(),
                d.imageTokenId(), d.videoTokenId(), d.maxFramesPerCanvas(), d.maxCanvasesPerVideo(), d.assumptions());
    }

    @Test
    void canvasCounts() {
        assertThat(HcxVideoProcessor.videoTokens(1, DEFAULTS).perCanvas()).containsExactly(81);
        assertThat(HcxVideoProcessor.videoTokens(8, DEFAULTS).perCanvas()).containsExactly(144);
        assertThat(HcxVideoProcessor.videoTokens(9, DEFAULTS).perCanvas()).containsExactly(153);
        assertThat(HcxVideoProcessor.videoTokens(10, DEFAULTS)).isEqualTo(new VideoTokens(10, 0, List.of(153, 81), 234));
        VideoTokens full = HcxVideoProcessor.videoTokens(108, DEFAULTS);
        assertThat(full.perCanvas()).isEqualTo(Collections.nCopies(12, 153));
        assertThat(full.total()).isEqualTo(1836);
        assertThat(full.framesDropped()).isZero();
    }

    @Test
    void framesOverTheCapAreDroppedAndReported() {
        VideoTokens t = HcxVideoProcessor.videoTokens(200, DEFAULTS);
        assertThat(t).isEqualTo(new VideoTokens(108, 92, Collections.nCopies(12, 153), 1836));
        assertThat(HcxVideoProcessor.videoTokens(109, DEFAULTS).framesDropped()).isEqualTo(1);
    }

    @Test
    void firstLastFramesSlowAppliesToTheWholeVideo() {
        HcxVisionSettings s = firstLastSlow();
        assertThat(HcxVideoProcessor.videoTokens(1, s).perCanvas()).containsExactly(81);
        assertThat(HcxVideoProcessor.videoTokens(2, s).perCanvas()).containsExactly(162);
        assertThat(HcxVideoProcessor.videoTokens(9, s).perCanvas()).containsExactly(225); // 81 + 7*9 + 81
        assertThat(HcxVideoProcessor.videoTokens(10, s).perCanvas()).containsExactly(153, 81);
        assertThat(HcxVideoProcessor.videoTokens(20, s).perCanvas()).containsExactly(153, 81, 90); // 8 fast + last slow
        assertThat(HcxVideoProcessor.videoTokens(19, s).perCanvas()).containsExactly(153, 81, 81);
    }

    @Test
    void shrinkMatchesPillowLanczos() {
        RgbImage shrunk = HcxVideoProcessor.shrinkFrame(TestImages.pattern(1000, 300), DEFAULTS);
        assertThat(shrunk.width()).isEqualTo(378);
        assertThat(shrunk.height()).isEqualTo(113); // int(300 * 0.378)
        assertThat(TestImages.maxAbsDiff(shrunk, TestImages.reference("pattern_1000x300_lanczos378.png")))
                .isLessThanOrEqualTo(1);
        RgbImage small = TestImages.pattern(300, 200);
        assertThat(HcxVideoProcessor.shrinkFrame(small, DEFAULTS)).isSameAs(small);
    }

    @Test
    void canvasesHoldOneFramePerGrid() {
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            frames.add(RgbImage.filled(640, 360, i * 20, 0, 0));
        }
        List<List<RgbImage>> canvases = HcxVideoProcessor.canvases(frames, DEFAULTS);
        assertThat(canvases).hasSize(2);
        assertThat(canvases.get(0)).hasSize(9);
        assertThat(canvases.get(1)).hasSize(1);
        RgbImage last = canvases.get(1).get(0);
        assertThat(last.width()).isEqualTo(378);
        assertThat(last.height()).isEqualTo(378);
        // 640x360 -> 378x212 (LANCZOS shrink, int()), then already fits: centred at y = 83.
        assertThat(last.rgbAt(100, 82)).isEqualTo(0x7F7F7F);
        assertThat(last.rgbAt(100, 83)).isEqualTo(0xB40000);
        assertThat(last.rgbAt(100, 294)).isEqualTo(0xB40000);
        assertThat(last.rgbAt(100, 295)).isEqualTo(0x7F7F7F);
    }

    @Test
    void canvasesDropFramesOverTheCap() {
        List<RgbImage> frames = Collections.nCopies(110, RgbImage.filled(20, 20, 1, 2, 3));
        List<List<RgbImage>> canvases = HcxVideoProcessor.canvases(frames, DEFAULTS);
        assertThat(canvases).hasSize(12);
        assertThat(canvases.stream().mapToInt(List::size).sum()).isEqualTo(108);
    }

    @Test
    void emptyVideosAreRefused() {
        assertThatThrownBy(() -> HcxVideoProcessor.videoTokens(0, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> HcxVideoProcessor.canvases(List.of(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
