package io.glimpse.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import io.glimpse.media.ffmpeg.Ffmpeg;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes test-pattern videos whose frames carry their own number, so tests, demos and benchmarks
 * can check exactly which frame came back. Each frame shows, in its top sixth, a 16-bit barcode of
 * its content number (white = 1, most significant bit on the left; {@link #readNumber} reads it
 * back through compression), the number in large digits, and a colour that changes over time.
 *
 * <p>H.264 goes through libopenh264 (the LGPL FFmpeg build has no libx264). Stateless and
 * thread-safe.
 */
public final class SyntheticVideo {
    static final int BITS = 16;

    /**
     * @param width, height  frame size (even numbers)
     * @param fps            frame rate of the stream
     * @param frames         number of frames to write
     * @param gopFrames      keyframe interval in frames
     * @param holdFrames     each picture is held for this many frames (content number = index / hold),
     *                       to make runs of identical frames for near-duplicate tests
     * @param frameSlots     optional: the time slot (in 1/fps units) of each frame, strictly
     *                       increasing, for variable-frame-rate videos; {@code null} for one slot each
     * @param fastStart      put the index (moov) at the front of the file
     */
    public record Spec(int width, int height, double fps, int frames, int gopFrames, int holdFrames,
                       long[] frameSlots, boolean fastStart) {
        public static Spec of(int width, int height, double fps, int frames) {
            return new Spec(width, height, fps, frames, (int) Math.max(1, Math.round(fps * 2)), 1, null, false);
        }

        public Spec withGop(int gop) {
            return new Spec(width, height, fps, frames, gop, holdFrames, frameSlots, fastStart);
        }

        public Spec withHold(int hold) {
            return new Spec(width, height, fps, frames, gopFrames, hold, frameSlots, fastStart);
        }

        public Spec withSlots(long[] slots) {
            return new Spec(width, height, fps, slots.length, gopFrames, holdFrames, slots.clone(), fastStart);
        }

        public Spec withFastStart(boolean on) {
            return new Spec(width, height, fps, frames, gopFrames, holdFrames, frameSlots, on);
        }
    }

    static {
        Ffmpeg.init();
    }

    private SyntheticVideo() {
    }

    /** Writes {@code spec} as an H.264 MP4 at {@code out}. */
    public static void write(Path out, Spec spec, CancelToken cancel, ProgressListener progress) throws MediaException {
        BufferedImage canvas = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        Frame frame = new Frame(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 3);
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), spec.width(), spec.height(), 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(spec.fps());
            recorder.setGopSize(spec.gopFrames());
            recorder.setVideoBitrate(Math.max(400_000, spec.width() * spec.height() * 2));
            if (spec.fastStart()) {
                recorder.setOption("movflags", "faststart");
            }
            recorder.start();
            Graphics2D g = canvas.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < spec.frames(); i++) {
                cancel.throwIfCancelled();
                draw(g, spec.width(), spec.height(), i / spec.holdFrames());
                buffer.clear();
                buffer.put(pixels);
                buffer.flip();
                if (spec.frameSlots() != null) {
                    recorder.setFrameNumber((int) spec.frameSlots()[i]);
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
                progress.progress("encode", i + 1, spec.frames());
            }
            g.dispose();
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new MediaException(out, "cannot write the test video (" + e.getMessage() + ")", e);
        } finally {
            frame.close();
        }
    }

    /** Paints the picture of content number {@code number} (tests write it into other containers). */
    static void draw(Graphics2D g, int w, int h, int number) {
        float hue = (number % 300) / 300f;
        g.setColor(Color.getHSBColor(hue, 0.5f, 0.55f));
        g.fillRect(0, 0, w, h);
        int band = h / 6;
        for (int b = 0; b < BITS; b++) {
            boolean one = ((number >> (BITS - 1 - b)) & 1) != 0;
            g.setColor(one ? Color.WHITE : Color.BLACK);
            g.fillRect(b * w / BITS, 0, (b + 1) * w / BITS - b * w / BITS, band);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, h / 4)));
        g.drawString(Integer.toString(number), w / 10, band + h / 3);
    }

    /**
     * Reads the content number from an upright frame written by {@link #write}: samples the centre
     * of each barcode cell (a 1/4-cell square, averaged) and thresholds its brightness at half.
     */
    public static int readNumber(RgbImage frame) {
        int w = frame.width();
        int h = frame.height();
        int band = h / 6;
        int number = 0;
        for (int b = 0; b < BITS; b++) {
            int x0 = b * w / BITS;
            int cellW = (b + 1) * w / BITS - x0;
            int cx = x0 + cellW / 2;
            int cy = band / 2;
            int rx = Math.max(0, cellW / 8);
            int ry = Math.max(0, band / 8);
            long sum = 0;
            int n = 0;
            for (int y = cy - ry; y <= cy + ry; y++) {
                for (int x = cx - rx; x <= cx + rx; x++) {
                    sum += frame.sample(x, y, 0) + frame.sample(x, y, 1) + frame.sample(x, y, 2);
                    n += 3;
                }
            }
            number = number << 1 | (sum / n >= 128 ? 1 : 0);
        }
        return number;
    }
}
