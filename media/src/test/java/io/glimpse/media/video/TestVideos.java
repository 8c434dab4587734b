package io.glimpse.media.video;

import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import java.nio.ShortBuffer;

/** Generates the videos the tests need, in the test's temporary folder. */
final class TestVideos {
    private TestVideos() {
    }

    static Path write(Path dir, String name, SyntheticVideo.Spec spec) throws Exception {
        Path out = dir.resolve(name);
        SyntheticVideo.write(out, spec, CancelToken.NONE, ProgressListener.NONE);
        return out;
    }

    /** A 2-second AAC audio-only .mp4 (a sine tone). */
    static Path audioOnly(Path dir) throws Exception {
        Path out = dir.resolve("tone.mp4");
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), 0, 0, 1)) {
            rec.setFormat("mp4");
            rec.setSampleRate(16000);
            rec.start();
            short[] samples = new short[16000 * 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            }
            rec.recordSamples(16000, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return out;
    }

    /**
     * Sets the display matrix of the first video track's {@code tkhd} box to a rotation of
     * {@code clockwiseDegrees} (90 or 270 or 180), as phones do for portrait video.
     */
    static void setRotation(Path mp4, int clockwiseDegrees) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(mp4.toFile(), "rw")) {
            byte[] data = new byte[(int) f.length()];
            f.readFully(data);
            int at = indexOf(data, new byte[] {'t', 'k', 'h', 'd'});
            if (at < 0) {
                throw new IOException("no tkhd box");
            }
            int version = data[at + 4];
            // version, flags (4) + times/track id/duration (20 or 32) + reserved(8) + layer, group, volume, reserved (8)
            int matrix = at + 4 + 4 + (version == 1 ? 32 : 20) + 8 + 8;
            int one = 0x10000;
            int[] m = switch (clockwiseDegrees) {
                case 90 -> new int[] {0, one, 0, -one, 0, 0, 0, 0, 0x40000000};
                case 180 -> new int[] {-one, 0, 0, 0, -one, 0, 0, 0, 0x40000000};
                case 270 -> new int[] {0, -one, 0, one, 0, 0, 0, 0, 0x40000000};
                default -> throw new IllegalArgumentException("rotation " + clockwiseDegrees);
            };
            f.seek(matrix);
            for (int v : m) {
                f.writeInt(v);
            }
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
