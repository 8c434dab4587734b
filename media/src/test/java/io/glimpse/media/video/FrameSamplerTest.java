package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSamplerTest {
    @TempDir
    static Path dir;
    /** 10 s, 30 fps, 300 frames, keyframe every 60 frames. */
    static Path video;

    @BeforeAll
    static void makeVideo() throws Exception {
        video = TestVideos.write(dir, "count.mp4", SyntheticVideo.Spec.of(320, 240, 30, 300));
    }

    @Test
    void probeReadsTheStreamProperties() throws Exception {
        VideoInfo info = VideoProbe.probe(video);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.averageFps()).isEqualTo(30.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(info.nominalFps()).isEqualTo(30.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(info.frameCount()).isEqualTo(300);
        assertThat(info.frameCountExact()).isTrue();
        assertThat(info.variableFrameRate()).isFalse();
        assertThat(info.durationSeconds()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(info.rotationDegrees()).isZero();
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.pixelFormat()).isEqualTo("yuv420p");
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void uniformCountReturnsTheLinspaceFramesWithTheirOwnPixels() throws Exception {
        List<SampledFrame> frames = FrameSampler.sampleToList(video, SamplingRequest.of(new FrameSelection.Count(8)));
        // round(linspace(0, 299, 8)) = 0, 42.71→43, 85.43→85, 128.14→128, 170.86→171, 213.57→214, 256.29→256, 299
        assertThat(frames).extracting(SampledFrame::index).containsExactly(0L, 43L, 85L, 128L, 171L, 214L, 256L, 299L);
        for (SampledFrame f : frames) {
            assertThat(SyntheticVideo.readNumber(f.image())).as("pixels of frame %d", f.index()).isEqualTo((int) f.index());
            assertThat(f.ptsSeconds()).isEqualTo(f.index() / 30.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(f.image().width()).isEqualTo(320);
        }
    }

    @Test
    void everyFrameOfADenseSelectionIsTheRightOne() throws Exception {
        List<SampledFrame> frames = FrameSampler.sampleToList(video,
                SamplingRequest.of(new FrameSelection.Count(300)));
        assertThat(frames).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(frames.get(i).index()).isEqualTo(i);
            assertThat(SyntheticVideo.readNumber(frames.get(i).image())).isEqualTo(i);
        }
    }

    @Test
    void fpsSelectionOverARangeClampsToMinAndMax() throws Exception {
        // [2 s, 6 s] at 2 fps: floor(4 × 2) = 8 frames over indices 60..180
        SamplingReport report = FrameSampler.sample(video,
                SamplingRequest.of(new FrameSelection.Fps(2, 1, 100)).withRange(2, 6.0),
                f -> assertThat(SyntheticVideo.readNumber(f.image())).isEqualTo((int) f.index()),
                CancelToken.NONE, ProgressListener.NONE);
        assertThat(report.plan().indices()).containsExactly(60L, 77L, 94L, 111L, 129L, 146L, 163L, 180L);
        assertThat(report.delivered()).isEqualTo(8);

        SamplingPlan capped = SamplingPlan.of(VideoProbe.probe(video), SamplingRequest.of(new FrameSelection.Fps(30, 1, 5)));
        assertThat(capped.indices()).containsExactly(0L, 75L, 150L, 224L, 299L); // 74.75→75, 224.25→224
        SamplingPlan floor = SamplingPlan.of(VideoProbe.probe(video),
                SamplingRequest.of(new FrameSelection.Fps(0.1, 3, 10)));
        assertThat(floor.indices()).containsExactly(0L, 150L, 299L); // floor(10 × 0.1) = 1 → min 3; 149.5 → 150 (half to even)
    }

    @Test
    void explicitTimestampsReturnTheFrameOnScreenAtThatTime() throws Exception {
        List<SampledFrame> frames = FrameSampler.sampleToList(video,
                SamplingRequest.of(new FrameSelection.Timestamps(List.of(9.99, 0.0, 5.02))));
        assertThat(frames).extracting(SampledFrame::index).containsExactly(0L, 150L, 299L);
        assertThat(frames).allSatisfy(f -> assertThat(SyntheticVideo.readNumber(f.image())).isEqualTo((int) f.index()));
    }

    @Test
    void cancelStopsBetweenFramesAndReportsProgress() throws Exception {
        CancelToken cancel = new CancelToken();
        List<Long> progress = new ArrayList<>();
        List<SampledFrame> got = new ArrayList<>();
        assertThatThrownBy(() -> FrameSampler.sample(video, SamplingRequest.of(new FrameSelection.Count(20)),
                f -> {
                    got.add(f);
                    if (got.size() == 3) {
                        cancel.cancel();
                    }
                }, cancel, (stage, done, total) -> progress.add(done)))
                .isInstanceOf(CancelledException.class);
        assertThat(got).hasSize(3);
        assertThat(progress).startsWith(0L, 1L, 2L);
    }

    @Test
    void cancelIsCheckedInsideTheDecodeLoop() throws Exception {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            decoder.prepareFor(5.0);
            assertThatThrownBy(() -> decoder.decodeNext(cancel)).isInstanceOf(CancelledException.class);
        }
    }

    @Test
    void sparseSamplingSeeksInsteadOfDecodingEverything() throws Exception {
        // Count decoded frames: 3 targets, each within a 60-frame GOP, must decode far fewer than 300.
        int decoded = 0;
        try (VideoDecoder decoder = VideoDecoder.open(video)) {
            for (double t : new double[] {2.5, 6.5, 9.5}) {
                decoder.prepareFor(t);
                while (decoder.decodeNext(CancelToken.NONE)) {
                    decoded++;
                    if (decoder.seconds(decoder.currentPts()) >= t) {
                        break;
                    }
                }
            }
        }
        assertThat(decoded).isLessThanOrEqualTo(3 * 60).isGreaterThanOrEqualTo(3);
    }

    @Test
    void dedupeDropsHeldFramesAndSaysWhich() throws Exception {
        // each picture held 30 frames: 60 frames = 2 distinct pictures
        Path held = TestVideos.write(dir, "held.mp4", SyntheticVideo.Spec.of(320, 240, 30, 60).withHold(30));
        SamplingReport report = FrameSampler.sample(held,
                SamplingRequest.of(new FrameSelection.Count(6)).withDedupe(SamplingRequest.DEFAULT_DEDUPE_THRESHOLD),
                f -> { }, CancelToken.NONE, ProgressListener.NONE);
        // planned 0, 12, 24, 35, 47, 59: pictures 0,0,0,1,1,1 → keep 0 and 35
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.dropped()).extracting(DroppedFrame::index).containsExactly(12L, 24L, 47L, 59L);
        assertThat(report.dropped()).extracting(DroppedFrame::keptIndex).containsExactly(0L, 0L, 35L, 35L);
        assertThat(report.warnings()).contains("4 near-duplicate frames dropped");
    }

    @Test
    void countLargerThanTheRangeTakesEveryFrameAndWarns() throws Exception {
        SamplingPlan plan = SamplingPlan.of(VideoProbe.probe(video),
                SamplingRequest.of(new FrameSelection.Count(50)).withRange(0, 1.0));
        assertThat(plan.indices()).hasSize(31).startsWith(0L, 1L).endsWith(30L);
        assertThat(plan.warnings()).containsExactly("asked for 50 frames but the range holds only 31; taking all of them");
    }

    @Test
    void rangePastTheEndIsRefusedAndAnEndPastItIsClamped() throws Exception {
        assertThatThrownBy(() -> FrameSampler.sampleToList(video,
                SamplingRequest.of(new FrameSelection.Count(4)).withRange(12, null)))
                .isInstanceOf(MediaException.class)
                .hasMessage(video + ": range starts at 12.000 s, at or past the end of the video (10.000 s)");
        SamplingPlan plan = SamplingPlan.of(VideoProbe.probe(video),
                SamplingRequest.of(new FrameSelection.Count(2)).withRange(8, 30.0));
        assertThat(plan.indices()).containsExactly(240L, 299L);
        assertThat(plan.warnings()).containsExactly("range end 30.000 s is past the end of the video; using 10.000 s");
    }
}
