package io.glimpse.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.glimpse.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the video probe and the frame sampler on a file written from the fuzz input
 * (docs/fuzzing.md). Passing means: {@link VideoProbe#probe} and {@link FrameSampler} either
 * succeed, with every sampled frame at the probed display size and in ascending time order, or
 * throw a one-line {@link MediaException} naming the file. Any other throwable is a finding, and so
 * is a crash of FFmpeg's native code (it ends the JVM). Regression mode replays
 * {@code VideoFuzzTestInputs/probeAndSample/}: a 3-frame H.264 MP4 and MPEG-4 MKV written with JavaCV.
 */
class VideoFuzzTest {
    /** Three frames with dedupe on: seeking, decoding, RGB conversion and the duplicate filter, kept cheap. */
    private static final SamplingRequest REQUEST = SamplingRequest.of(new FrameSelection.Count(3))
            .withDedupe(SamplingRequest.DEFAULT_DEDUPE_THRESHOLD);

    @TempDir
    static Path dir;

    @FuzzTest
    void probeAndSample(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("input"), data);
        VideoInfo info;
        try {
            info = VideoProbe.probe(file);
        } catch (MediaException e) {
            assertOneLineNaming(e, file);
            return;
        }
        try {
            List<SampledFrame> frames = FrameSampler.sampleToList(file, REQUEST);
            double last = Double.NEGATIVE_INFINITY;
            for (SampledFrame f : frames) {
                assertThat(f.image().width()).isEqualTo(info.displayWidth());
                assertThat(f.image().height()).isEqualTo(info.displayHeight());
                assertThat(f.ptsSeconds()).isGreaterThan(last);
                last = f.ptsSeconds();
            }
        } catch (MediaException e) {
            assertOneLineNaming(e, file);
        }
    }

    private static void assertOneLineNaming(MediaException e, Path file) {
        assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n");
    }
}
