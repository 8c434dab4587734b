package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad or unusual input of the media issue, one test each. */
class BadVideoInputTest {
    @TempDir
    Path dir;

    @Test
    void emptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertThatThrownBy(() -> VideoProbe.probe(empty))
                .isInstanceOf(MediaException.class).hasMessage(empty + ": file is empty (0 bytes)");
    }

    @Test
    void randomBytesNamedMp4AreRefused() throws Exception {
        byte[] junk = new byte[50_000];
        new Random(7).nextBytes(junk);
        Path fake = Files.write(dir.resolve("random.mp4"), junk);
        assertThatThrownBy(() -> VideoProbe.probe(fake))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith(fake + ": not a video FFmpeg can read (");
    }

    @Test
    void mp4CutInHalfWithItsIndexAtTheEndIsAClearError() throws Exception {
        Path full = TestVideos.write(dir, "full.mp4", SyntheticVideo.Spec.of(320, 240, 30, 90));
        byte[] bytes = Files.readAllBytes(full);
        Path half = Files.write(dir.resolve("half.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> FrameSampler.sampleToList(half, SamplingRequest.of(new FrameSelection.Count(4))))
                .isInstanceOf(MediaException.class)
                .hasMessageStartingWith(half + ": ")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void mp4CutInHalfWithItsIndexInFrontReturnsWhatDecodesAndSaysSo() throws Exception {
        Path full = TestVideos.write(dir, "fast.mp4", SyntheticVideo.Spec.of(320, 240, 30, 90).withFastStart(true));
        byte[] bytes = Files.readAllBytes(full);
        Path half = Files.write(dir.resolve("fast-half.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<SampledFrame> got = new java.util.ArrayList<>();
        SamplingReport report = FrameSampler.sample(half, SamplingRequest.of(new FrameSelection.Count(10)),
                got::add, CancelToken.NONE, ProgressListener.NONE);
        assertThat(got).isNotEmpty();
        assertThat(report.undecodable()).isNotEmpty();
        assertThat(got.size() + report.undecodable().size()).isEqualTo(10);
        assertThat(got).allSatisfy(f -> assertThat(SyntheticVideo.readNumber(f.image())).isEqualTo((int) f.index()));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .matches("the video data ends at \\d+\\.\\d{3} s although the header says 3\\.000 s "
                        + "\\(truncated or damaged file\\?\\): \\d+ of 10 frames could not be decoded"));
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path tone = TestVideos.audioOnly(dir);
        assertThatThrownBy(() -> VideoProbe.probe(tone))
                .isInstanceOf(MediaException.class)
                .hasMessage(tone + ": no video stream (the file holds audio only)");
    }

    @Test
    void rotatedVideoComesBackUpright() throws Exception {
        Path video = TestVideos.write(dir, "portrait.mp4", SyntheticVideo.Spec.of(320, 240, 30, 30));
        TestVideos.setRotation(video, 90);
        VideoInfo info = VideoProbe.probe(video);
        assertThat(info.rotationDegrees()).isEqualTo(90);
        assertThat(info.displayWidth()).isEqualTo(240);
        assertThat(info.displayHeight()).isEqualTo(320);
        List<SampledFrame> frames = FrameSampler.sampleToList(video, SamplingRequest.of(new FrameSelection.Count(3)));
        for (SampledFrame f : frames) {
            assertThat(f.image().width()).isEqualTo(240);
            assertThat(f.image().height()).isEqualTo(320);
            // Shown turned 90° clockwise, the barcode band (stored at the top) stands on the right.
            assertThat(SyntheticVideo.readNumber(f.image().rotateClockwise(-1))).isEqualTo((int) f.index());
        }
    }

    @Test
    void rotationAgreesWithTheFfmpegCommandLineWhenInstalled() throws Exception {
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(ffmpeg),
                "ffmpeg command line not installed (apt-get install ffmpeg); cross-check skipped");
        Path video = TestVideos.write(dir, "rot.mp4", SyntheticVideo.Spec.of(320, 240, 30, 30));
        TestVideos.setRotation(video, 270);
        Path png = dir.resolve("cli.png");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-v", "error", "-i", video.toString(), "-frames:v", "1", png.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        java.awt.image.BufferedImage cli = javax.imageio.ImageIO.read(png.toFile());
        SampledFrame ours = FrameSampler.sampleToList(video, SamplingRequest.of(new FrameSelection.Count(1))).get(0);
        assertThat(ours.image().width()).isEqualTo(cli.getWidth());
        assertThat(ours.image().height()).isEqualTo(cli.getHeight());
        // same orientation: compare the brightness of a barcode cell region in both
        io.glimpse.media.RgbImage theirs = io.glimpse.media.RgbImage.fromBufferedImage(cli, 0);
        assertThat(SyntheticVideo.readNumber(theirs.rotateClockwise(1))).isEqualTo(SyntheticVideo.readNumber(ours.image().rotateClockwise(1)));
        assertThat(SyntheticVideo.readNumber(ours.image().rotateClockwise(1))).isZero();
    }

    @Test
    void variableFrameRateVideoIsSampledByTime() throws Exception {
        // 30 slots/s: frames 0..29 every slot (1 s), then frames 30..59 every third slot (3 s) → 4 s, 60 frames
        long[] slots = new long[60];
        for (int i = 0; i < 60; i++) {
            slots[i] = i < 30 ? i : 30 + (i - 30) * 3L;
        }
        Path video = TestVideos.write(dir, "vfr.mp4", SyntheticVideo.Spec.of(320, 240, 30, 60).withSlots(slots));
        VideoInfo info = VideoProbe.probe(video);
        assertThat(info.frameCount()).isEqualTo(60);
        assertThat(info.frameCountExact()).isTrue();
        assertThat(info.variableFrameRate()).isTrue();
        assertThat(info.nominalFps()).isEqualTo(30.0, Offset.offset(0.01));
        assertThat(info.averageFps()).isLessThan(20.0);
        List<SampledFrame> frames = FrameSampler.sampleToList(video,
                SamplingRequest.of(new FrameSelection.Timestamps(List.of(0.5, 1.5, 3.5))));
        // the picture on screen at 0.5 s is frame 15; at 1.5 s slot 45 → frame 35; at 3.5 s slot 105 → frame 55
        assertThat(frames).extracting(f -> SyntheticVideo.readNumber(f.image())).containsExactly(15, 35, 55);
        assertThat(frames).extracting(SampledFrame::ptsSeconds).allSatisfy(t -> assertThat(t).isBetween(0.0, 4.0));
    }

    @Test
    void missingPathIsRefused() {
        Path missing = dir.resolve("nope.mp4");
        assertThatThrownBy(() -> VideoProbe.probe(missing))
                .isInstanceOf(MediaException.class).hasMessage(missing + ": file not found");
    }

    @Test
    void directoryIsRefused() {
        assertThatThrownBy(() -> VideoProbe.probe(dir))
                .isInstanceOf(MediaException.class).hasMessage(dir + ": is a directory, not a file");
    }

    @Test
    void startAtOrAfterEndIsRefused() {
        FrameSelection count = new FrameSelection.Count(4);
        assertThatThrownBy(() -> new SamplingRequest(count, 5, 5.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("end (5.0 s) must be after start (5.0 s)");
        assertThatThrownBy(() -> new SamplingRequest(count, 6, 2.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("end (2.0 s) must be after start (6.0 s)");
    }

    @Test
    void fpsAtOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> new FrameSelection.Fps(0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fps must be a positive number, got 0.0");
        assertThatThrownBy(() -> new FrameSelection.Fps(-2, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fps must be a positive number, got -2.0");
    }

    @Test
    void countZeroIsRefused() {
        assertThatThrownBy(() -> new FrameSelection.Count(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("frame count must be at least 1, got 0");
    }
}
