package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.*;

import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.VideoInfo.DurationSource;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Containers whose length is missing, covers another stream, or contradicts the video's own packets. */
class LyingDurationTest {
    private static final Offset<Double> MICRO = Offset.offset(1e-6);

    @TempDir
    Path dir;

    /** Samples {@code count} frames and checks each is the frame its index names. */
    private static SamplingReport sampleAndCheck(Path video, int count, List<Long> expectedIndices) throws Exception {
        List<SampledFrame> frames = new ArrayList<>();
        SamplingReport report = FrameSampler.sample(video, SamplingRequest.of(new FrameSelection.Count(count)),
                frames::add, CancelToken.NONE, ProgressListener.NONE);
        assertThat(frames).extracting(SampledFrame::index).containsExactlyElementsOf(expectedIndices);
        assertThat(frames).allSatisfy(f -> assertThat(SyntheticVideo.readNumber(f.image())).isEqualTo((int) f.index()));
        assertThat(report.undecodable()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        return report;
    }

    @Test
    void mkvWhoseAudioOutlastsTheVideoKeepsItsLastFrame() throws Exception {
        // 100 frames at 30 fps (3.333 s) beside 5 s of AAC: the container says 5.0x s.
        Path mkv = TestVideos.muxed(dir, "av.mkv", "matroska", AV_CODEC_ID_H264, AV_CODEC_ID_AAC, 30, 100, 5.0);
        VideoInfo info = VideoProbe.probe(mkv);
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.durationSeconds()).isEqualTo(3.333, MICRO);
        assertThat(info.frameCount()).isEqualTo(100);
        assertThat(info.frameCountExact()).isTrue(); // a short file is scanned whole: the packets are counted
        assertThat(info.durationSource()).isEqualTo(DurationSource.PACKETS);
        sampleAndCheck(mkv, 4, List.of(0L, 33L, 66L, 99L));
    }

    @Test
    void longMkvIsMeasuredFromItsLastSecondsOnly() throws Exception {
        // 12 s of video at 10 fps beside 15 s of audio: only the tail is read, so the count is estimated.
        Path mkv = TestVideos.muxed(dir, "long.mkv", "matroska", AV_CODEC_ID_H264, AV_CODEC_ID_AAC, 10, 120, 15.0);
        VideoInfo info = VideoProbe.probe(mkv);
        assertThat(info.durationSeconds()).isEqualTo(12.0, MICRO);
        assertThat(info.frameCount()).isEqualTo(120);
        assertThat(info.frameCountExact()).isFalse();
        assertThat(info.durationSource()).isEqualTo(DurationSource.PACKETS);
        sampleAndCheck(mkv, 3, List.of(0L, 60L, 119L));
    }

    @Test
    void mp4WithZeroMdhdDurationIsMeasuredFromThePackets() throws Exception {
        Path mp4 = TestVideos.write(dir, "zero.mp4", SyntheticVideo.Spec.of(96, 72, 30, 150));
        byte[] bytes = Files.readAllBytes(mp4);
        int mdhd = TestVideos.find(bytes, "mdhd".getBytes());
        int version = bytes[mdhd + 4];
        int duration = mdhd + 4 + 4 + (version == 1 ? 16 : 8) + 4; // after version/flags, times, timescale
        for (int i = 0; i < (version == 1 ? 8 : 4); i++) {
            bytes[duration + i] = 0;
        }
        Files.write(mp4, bytes);
        VideoInfo info = VideoProbe.probe(mp4);
        assertThat(info.durationSeconds()).isEqualTo(5.0, MICRO);
        assertThat(info.averageFps()).isEqualTo(30.0, MICRO);
        assertThat(info.frameCount()).isEqualTo(150);
        assertThat(info.frameCountExact()).isTrue();
        assertThat(info.durationSource()).isEqualTo(DurationSource.PACKETS);
        sampleAndCheck(mp4, 4, List.of(0L, 50L, 99L, 149L));
    }

    @ParameterizedTest(name = "{0} with Duration {1}")
    @CsvSource({"matroska, NaN", "matroska, -1", "webm, NaN", "webm, -1"})
    void matroskaWithoutAUsableDurationIsMeasuredFromThePackets(String container, double value) throws Exception {
        boolean webm = container.equals("webm");
        Path file = TestVideos.muxed(dir, "clip." + (webm ? "webm" : "mkv"), container,
                webm ? AV_CODEC_ID_VP8 : AV_CODEC_ID_H264, 0, 30, 60, 0);
        byte[] bytes = Files.readAllBytes(file);
        // Segment Info's Duration: element id 0x4489, then its size (0x88: a float64, 0x84: a float32).
        int at = TestVideos.find(bytes, new byte[] {0x44, (byte) 0x89});
        ByteBuffer field = ByteBuffer.wrap(bytes, at + 3, 8);
        if (bytes[at + 2] == (byte) 0x88) {
            assertThat(field.getDouble(at + 3)).isEqualTo(2000.0); // milliseconds, the default TimestampScale
            field.putDouble(at + 3, value);
        } else {
            assertThat(bytes[at + 2]).isEqualTo((byte) 0x84);
            assertThat(field.getFloat(at + 3)).isEqualTo(2000.0f);
            field.putFloat(at + 3, (float) value);
        }
        Files.write(file, bytes);
        VideoInfo info = VideoProbe.probe(file);
        assertThat(info.durationSeconds()).isEqualTo(2.0, MICRO);
        assertThat(info.frameCount()).isEqualTo(60);
        assertThat(info.frameCountExact()).isTrue();
        assertThat(info.durationSource()).isEqualTo(DurationSource.PACKETS);
        sampleAndCheck(file, 4, List.of(0L, 20L, 39L, 59L));
    }

    /** A 60-frame 30 fps MP4 whose stts deltas are all 0x7FFFFFFF; without its edit list when asked. */
    private Path absurdStts(String name, boolean dropEditList) throws Exception {
        Path mp4 = TestVideos.write(dir, name, SyntheticVideo.Spec.of(96, 72, 30, 60));
        byte[] bytes = Files.readAllBytes(mp4);
        int stts = TestVideos.find(bytes, "stts".getBytes());
        ByteBuffer box = ByteBuffer.wrap(bytes);
        int entries = box.getInt(stts + 8);
        for (int e = 0; e < entries; e++) {
            box.putInt(stts + 12 + 8 * e + 4, 0x7FFFFFFF); // each entry: sample count, sample delta
        }
        if (dropEditList) {
            int edts = TestVideos.find(bytes, "edts".getBytes());
            System.arraycopy("free".getBytes(), 0, bytes, edts, 4); // same size: the demuxer skips it
        }
        return Files.write(mp4, bytes);
    }

    @Test
    void absurdSttsDeltaIsRescaledOntoTheHeaderLengthTheContainerConfirms() throws Exception {
        Path mp4 = absurdStts("stts.mp4", true);
        VideoInfo info = VideoProbe.probe(mp4);
        assertThat(info.durationSeconds()).isEqualTo(2.0, MICRO);
        assertThat(info.averageFps()).isEqualTo(30.0, MICRO);
        assertThat(info.nominalFps()).isEqualTo(30.0, MICRO);
        assertThat(info.frameCount()).isEqualTo(60);
        assertThat(info.durationSource()).isEqualTo(DurationSource.STREAM_RESCALED);
        List<SampledFrame> frames = new ArrayList<>();
        FrameSampler.sample(mp4, SamplingRequest.of(new FrameSelection.Count(4)), frames::add, CancelToken.NONE, ProgressListener.NONE);
        assertThat(frames).extracting(SampledFrame::index).containsExactly(0L, 20L, 39L, 59L);
        assertThat(frames).extracting(SampledFrame::ptsSeconds).containsExactly(0.0, 20 / 30.0, 39 / 30.0, 59 / 30.0);
        assertThat(frames).allSatisfy(f -> assertThat(SyntheticVideo.readNumber(f.image())).isEqualTo((int) f.index()));
    }

    @Test
    void absurdSttsDeltaUnderAnEditListLeavesTheOneFrameFfmpegReads() throws Exception {
        // The edit list covers 2 s; every frame but the first starts 39 hours in, so FFmpeg (and
        // the ffmpeg command line) drop them: one frame shown for the header's 2 s, not "0.000 fps".
        Path mp4 = absurdStts("stts-elst.mp4", false);
        VideoInfo info = VideoProbe.probe(mp4);
        assertThat(info.durationSeconds()).isEqualTo(2.0, MICRO);
        assertThat(info.frameCount()).isEqualTo(1);
        assertThat(info.averageFps()).isEqualTo(0.5, MICRO);
        assertThat(info.durationSource()).isEqualTo(DurationSource.STREAM_RESCALED);
        List<SampledFrame> frames = FrameSampler.sampleToList(mp4, SamplingRequest.of(new FrameSelection.Count(4)));
        assertThat(frames).extracting(SampledFrame::index).containsExactly(0L);
        assertThat(SyntheticVideo.readNumber(frames.get(0).image())).isZero();
    }

    @Test
    void aConsistentMp4KeepsItsHeader() throws Exception {
        Path mp4 = TestVideos.write(dir, "fine.mp4", SyntheticVideo.Spec.of(96, 72, 30, 45));
        VideoInfo info = VideoProbe.probe(mp4);
        assertThat(info.durationSeconds()).isEqualTo(1.5, MICRO);
        assertThat(info.frameCount()).isEqualTo(45);
        assertThat(info.durationSource()).isEqualTo(DurationSource.STREAM);
    }
}
