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
     * Writes {@code frames} numbered test-pattern frames (as {@link SyntheticVideo} draws them) at
     * {@code fps} in {@code container} ("matroska", "webm", "mp4") with {@code videoCodec}, plus a
     * sine tone of {@code audioSeconds} (none when 0) with {@code audioCodec}.
     */
    static Path muxed(Path dir, String name, String container, int videoCodec, int audioCodec,
                      int fps, int frames, double audioSeconds) throws Exception {
        Path out = dir.resolve(name);
        int w = 96;
        int h = 72;
        int rate = 48000;
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, audioSeconds > 0 ? 1 : 0);
             org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(w, h, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
            rec.setFormat(container);
            rec.setVideoCodec(videoCodec);
            rec.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(fps);
            rec.setVideoBitrate(300_000);
            if (audioSeconds > 0) {
                rec.setAudioCodec(audioCodec);
                rec.setSampleRate(rate);
                rec.setAudioBitrate(64_000);
            }
            rec.start();
            java.awt.Graphics2D g = canvas.createGraphics();
            double audioDone = 0;
            for (int i = 0; i < frames; i++) {
                SyntheticVideo.draw(g, w, h, i);
                java.nio.ByteBuffer buffer = (java.nio.ByteBuffer) frame.image[0];
                buffer.clear();
                buffer.put(pixels);
                buffer.flip();
                rec.record(frame, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
                // Audio alongside the video, so the muxer interleaves them as a recording would.
                double until = Math.min(audioSeconds, (i + 1) / (double) fps);
                audioDone = tone(rec, rate, audioDone, until);
            }
            g.dispose();
            tone(rec, rate, audioDone, audioSeconds);
            rec.stop();
        }
        return out;
    }

    private static double tone(FFmpegFrameRecorder rec, int rate, double from, double until) throws Exception {
        int start = (int) Math.round(from * rate);
        int end = (int) Math.round(until * rate);
        if (end <= start) {
            return from;
        }
        short[] samples = new short[end - start];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * (start + i) / (double) rate));
        }
        rec.recordSamples(rate, 1, ShortBuffer.wrap(samples));
        return until;
    }

    /** Offset of the first {@code needle} in {@code data}, or -1. */
    static int find(byte[] data, byte[] needle) {
        return indexOf(data, needle);
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
