package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AskRequestTest {
    static final GenerationRequest GEN = new GenerationRequest(8, SamplingParams.greedy(), Set.of(), List.of());

    @Test
    void maxFramesCapsEverySelection() {
        assertThat(MediaStage.capped(SamplingRequest.of(new FrameSelection.Count(32)), 10).selection())
                .isEqualTo(new FrameSelection.Count(10));
        assertThat(MediaStage.capped(SamplingRequest.of(new FrameSelection.Fps(2, 4, 64)), 10).selection())
                .isEqualTo(new FrameSelection.Fps(2, 4, 10));
        assertThat(MediaStage.capped(SamplingRequest.of(new FrameSelection.Fps(2, 4, 64)), 3).selection())
                .isEqualTo(new FrameSelection.Fps(2, 3, 3));
        assertThat(MediaStage.capped(SamplingRequest.of(new FrameSelection.Timestamps(List.of(1.0, 2.0, 3.0))), 2).selection())
                .isEqualTo(new FrameSelection.Timestamps(List.of(1.0, 2.0)));
        SamplingRequest ranged = SamplingRequest.of(new FrameSelection.Count(5)).withRange(1, 4.0).withDedupe(3);
        assertThat(MediaStage.capped(ranged, 2)).isEqualTo(new SamplingRequest(new FrameSelection.Count(2), 1, 4.0, 3));
    }

    @Test
    void withersKeepPromptOrder() {
        AskRequest r = AskRequest.of("what?", GEN).withImage(Path.of("a.png"), null).withImage(Path.of("b.png"), "ocr")
                .withVideo(Path.of("v.mp4")).withSystem("be brief").withMaxGrids(4);
        assertThat(r.images()).containsExactly(new AskRequest.Image(Path.of("a.png"), ""), new AskRequest.Image(Path.of("b.png"), "ocr"));
        assertThat(r.videos()).containsExactly(Path.of("v.mp4"));
        assertThat(r.system()).isEqualTo("be brief");
        assertThat(r.maxGrids()).isEqualTo(4);
        assertThat(r.frames().selection()).isEqualTo(new FrameSelection.Count(AskRequest.DEFAULT_FRAMES));
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> AskRequest.of("q", GEN).withFrames(SamplingRequest.of(new FrameSelection.Count(3)), 0))
                .hasMessage("max frames must be at least 1, got 0");
        assertThatThrownBy(() -> AskRequest.of("q", GEN).withMaxGrids(-1))
                .hasMessage("max grids must be 0 (the model's) or more, got -1");
    }

    @Test
    void eachVideoIsSampledWithItsOwnSelection(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path a = VisionTestMedia.video(dir, "a.mp4", 40);
        Path b = VisionTestMedia.video(dir, "b.mp4", 40);
        AskRequest r = AskRequest.of("q", GEN).withVideo(a).withVideo(b)
                .withVideoFrames(List.of(SamplingRequest.of(new FrameSelection.Count(3)), SamplingRequest.of(new FrameSelection.Count(7))));
        assertThat(r.framesOf(0).selection()).isEqualTo(new FrameSelection.Count(3));
        MediaStage.Decoded d = MediaStage.decode(r, io.glimpse.media.image.ImageLoader.defaults(), f -> f,
                io.glimpse.media.CancelToken.NONE, p -> { });
        assertThat(d.videos()).extracting(v -> v.frames().size()).containsExactly(3, 7);
        // a video added later takes the request's own selection; one selection for all drops the per-video ones
        assertThat(r.withVideo(a).framesOf(2)).isEqualTo(r.frames());
        assertThat(r.withFrames(SamplingRequest.of(new FrameSelection.Count(5)), 9).videoFrames()).isEmpty();
        assertThatThrownBy(() -> AskRequest.of("q", GEN).withVideo(a).withVideoFrames(List.of()).withVideoFrames(
                List.of(r.frames(), r.frames()))).hasMessage("2 frame selections for 1 video");
    }
}
