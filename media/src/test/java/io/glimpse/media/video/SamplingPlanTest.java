package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame selection arithmetic, from a VideoInfo alone (no file). */
class SamplingPlanTest {
    /** 6 frames at 1 fps → indices 0..5, duration 6 s. */
    static final VideoInfo SIX_FRAMES = new VideoInfo(6.0, 1.0, 1.0, 6, true, false, 64, 48, 0, "h264", "yuv420p", "mp4", false, 0);
    /** 10 minutes at 30 fps. */
    static final VideoInfo TEN_MINUTES = new VideoInfo(600.0, 30.0, 30.0, 18000, true, false, 1280, 720, 0, "h264", "yuv420p", "mp4", false, 0);

    @Test
    void linspaceRoundsHalfToEvenAsNumpyDoes() {
        // numpy: np.linspace(0, 5, 3).round() == [0, 2, 5] (2.5 → 2), not 3
        assertThat(SamplingPlan.of(SIX_FRAMES, SamplingRequest.of(new FrameSelection.Count(3))).indices())
                .containsExactly(0L, 2L, 5L);
        // np.linspace(0, 5, 5) = 0, 1.25, 2.5, 3.75, 5 → 0, 1, 2, 4, 5
        assertThat(SamplingPlan.linspaceIndices(0, 5, 5)).containsExactly(0L, 1L, 2L, 4L, 5L);
    }

    @Test
    void oneFrameIsTheFirstFrameOfTheRange() {
        assertThat(SamplingPlan.of(SIX_FRAMES, SamplingRequest.of(new FrameSelection.Count(1)).withRange(2.5, null)).indices())
                .containsExactly(3L);
    }

    @Test
    void thirtyTwoFramesOfTenMinutes() {
        SamplingPlan plan = SamplingPlan.of(TEN_MINUTES, SamplingRequest.of(new FrameSelection.Count(32)));
        // numpy: np.linspace(0, 17999, 32).round() starts 0, 581, 1161 and ends 17418, 17999 (17999/31 = 580.6)
        assertThat(plan.indices()).hasSize(32).startsWith(0L, 581L, 1161L).endsWith(17418L, 17999L);
        assertThat(plan.firstIndex()).isZero();
        assertThat(plan.lastIndex()).isEqualTo(17999);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void fpsSelectionUsesTheRangeDuration() {
        // [60 s, 90 s] at 0.5 fps → floor(30 × 0.5) = 15 frames, from index 1800 to 2700
        SamplingPlan plan = SamplingPlan.of(TEN_MINUTES,
                SamplingRequest.of(new FrameSelection.Fps(0.5, 1, 100)).withRange(60, 90.0));
        assertThat(plan.requestedFrames()).isEqualTo(15);
        assertThat(plan.indices()).hasSize(15).startsWith(1800L).endsWith(2700L);
    }

    @Test
    void timestampsOutsideTheRangeAreSkippedWithAWarning() {
        SamplingPlan plan = SamplingPlan.of(SIX_FRAMES,
                SamplingRequest.of(new FrameSelection.Timestamps(List.of(4.5, 1.0, 1.0))).withRange(0.5, 5.0));
        assertThat(plan.timestamps()).containsExactly(1.0, 4.5);
        assertThat(plan.indices()).containsExactly(1L, 4L);
        assertThat(plan.warnings()).containsExactly("timestamp 1.000 s given twice");
        assertThatThrownBy(() -> SamplingPlan.of(SIX_FRAMES,
                SamplingRequest.of(new FrameSelection.Timestamps(List.of(5.5))).withRange(0, 5.0)))
                .hasMessage("none of the timestamps lies inside the video's range");
    }

    @Test
    void aRangeBetweenTwoFramesHoldsNoFrame() {
        assertThatThrownBy(() -> SamplingPlan.of(SIX_FRAMES, SamplingRequest.of(new FrameSelection.Count(2)).withRange(1.2, 1.8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no frame lies between 1.200 s and 1.800 s (frames are 1.000 s apart)");
    }
}
