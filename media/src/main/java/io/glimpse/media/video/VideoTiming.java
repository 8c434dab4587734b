package io.glimpse.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import io.glimpse.media.video.VideoInfo.DurationSource;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The length, frame count and frame rates of one video stream, from its own header when that is
 * present and self-consistent, else measured from the packets' timestamps (read, never decoded).
 *
 * <p>Why measure: a Matroska/WebM track has no duration of its own, and the container's covers the
 * longest stream (often the audio); MP4's mdhd may say 0; Matroska's Duration may be NaN or -1; an
 * stts delta may be absurd. The scan is bounded ({@link #MAX_SCAN_PACKETS}, {@link #MAX_SCAN_BYTES});
 * when the container gives a length, only its last {@link #TAIL_SECONDS} seconds are read.
 *
 * @param durationSeconds length of the video stream
 * @param averageFps      frames / duration
 * @param nominalFps      the stream's base rate
 * @param frameCount      frames (counted, from the header, or duration × average rate)
 * @param exact           whether {@code frameCount} was counted or read from a sample table
 * @param source          where the duration comes from
 * @param timeScale       factor applied to the stream's time base: 1, except when the timestamps are
 *                        more than 10× off a header length that the codec's frame rate or the
 *                        container's length confirms (then they are rescaled onto it, in their order)
 */
record VideoTiming(double durationSeconds, double averageFps, double nominalFps, long frameCount, boolean exact,
                   DurationSource source, double timeScale) {
    static final long MAX_SCAN_PACKETS = 200_000;
    static final long MAX_SCAN_BYTES = 512L << 20;
    static final double TAIL_SECONDS = 10;

    /** Reads the timing of {@code format}'s stream {@code index}; may move the read position (callers seek before decoding). */
    static VideoTiming measure(AVFormatContext format, int index) {
        AVStream stream = format.streams(index);
        double tb = av_q2d(stream.time_base());
        long startPts = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
        double avg = rate(stream.avg_frame_rate());
        double nominal = rate(stream.r_frame_rate());
        avg = avg > 0 ? avg : nominal;
        nominal = nominal > 0 ? nominal : avg;
        long frames = stream.nb_frames();
        double header = stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0 ? stream.duration() * tb : Double.NaN;
        double container = format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : Double.NaN;

        if (header > 0 && (frames <= 0 || agrees(frames, header, avg))) {
            return new VideoTiming(header, avg, nominal, frames > 0 ? frames : estimate(header, avg), frames > 0,
                    DurationSource.STREAM, 1);
        }
        if (!(header > 0) && container > TAIL_SECONDS) {
            // The container's length may be another stream's: find where this one ends near it.
            long from = startPts + Math.round((container - TAIL_SECONDS) / tb);
            if (av_seek_frame(format, index, from, AVSEEK_FLAG_BACKWARD) >= 0) {
                Scan tail = Scan.read(format, index, avg, tb);
                if (tail.packets > 0) {
                    double d = (tail.endPts - startPts) * tb;
                    return new VideoTiming(d, avg, nominal, estimate(d, avg), false, DurationSource.PACKETS, 1);
                }
                av_seek_frame(format, index, startPts, AVSEEK_FLAG_BACKWARD); // the video ends earlier: scan it all
            }
        }
        // Without a seek, reading starts with the packets stream-info probing buffered: the first ones.
        Scan all = Scan.read(format, index, avg, tb);
        double measured = all.packets == 0 ? 0 : (all.endPts - startPts) * tb;
        if (!(measured > 0)) { // no timestamped video packet: the headers are all there is
            double d = header > 0 ? header : container > 0 ? container : 0;
            return new VideoTiming(d, avg, nominal, Math.max(frames, estimate(d, avg)), frames > 0,
                    header > 0 ? DurationSource.STREAM : DurationSource.CONTAINER, 1);
        }
        if (!all.complete) {
            if (container > measured) {
                return new VideoTiming(container, avg, nominal, estimate(container, avg), false, DurationSource.CONTAINER, 1);
            }
            return new VideoTiming(measured, avg, nominal, all.packets, false, DurationSource.PACKETS_PARTIAL, 1);
        }
        double measuredFps = all.packets / measured;
        double headerFps = header > 0 ? all.packets / header : 0;
        if (headerFps > 0 && (measuredFps < headerFps / 10 || measuredFps > headerFps * 10)
                && headerIsWitnessed(stream, header, container, all.packets)) {
            // The timestamps contradict a header length that a second witness confirms (e.g. an
            // absurd stts delta): keep the frames in their order, spread over the header's length.
            return new VideoTiming(header, headerFps, headerFps, all.packets, true, DurationSource.STREAM_RESCALED,
                    header / measured);
        }
        double fps = agrees(all.packets, measured, avg) ? avg : measuredFps;
        return new VideoTiming(measured, fps, nominal > 0 && agrees(all.packets, measured, nominal) ? nominal : fps,
                all.packets, true, DurationSource.PACKETS, 1);
    }

    /** Whether the codec's own frame rate or the container's length confirms the stream header's length. */
    private static boolean headerIsWitnessed(AVStream stream, double header, double container, long frames) {
        double codecFps = rate(stream.codecpar().framerate());
        return agrees(frames, header, codecFps) || Math.abs(container - header) <= 0.05 * header;
    }

    /** Whether {@code frames} at {@code fps} last about {@code seconds} (within 2 frames or 5 %). */
    static boolean agrees(long frames, double seconds, double fps) {
        return fps > 0 && Math.abs(frames - seconds * fps) <= Math.max(2, 0.05 * frames);
    }

    private static long estimate(double seconds, double fps) {
        return Math.max(1, Math.round(seconds * fps));
    }

    private static double rate(AVRational r) {
        return r.den() == 0 ? 0 : r.num() / (double) r.den();
    }

    /** Video packets read from the current position to the end or the bound, and where the last one ends. */
    private record Scan(long packets, long endPts, boolean complete) {
        static Scan read(AVFormatContext format, int index, double fps, double tb) {
            long frameTicks = fps > 0 ? Math.max(1, Math.round(1 / (fps * tb))) : 1;
            AVPacket packet = av_packet_alloc();
            long count = 0;
            long all = 0;
            long bytes = 0;
            long end = Long.MIN_VALUE;
            try {
                while (all < MAX_SCAN_PACKETS && bytes < MAX_SCAN_BYTES) {
                    if (av_read_frame(format, packet) < 0) {
                        return new Scan(count, end, true);
                    }
                    all++;
                    bytes += packet.size();
                    long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    // A packet the demuxer marks as discarded (outside the edit list) is decoded
                    // only as a reference: no frame of it is ever shown, so it is not counted.
                    boolean shown = (packet.flags() & AV_PKT_FLAG_DISCARD) == 0;
                    if (packet.stream_index() == index && t != AV_NOPTS_VALUE && shown) {
                        count++;
                        end = Math.max(end, t + (packet.duration() > 0 ? packet.duration() : frameTicks));
                    }
                    av_packet_unref(packet);
                }
                return new Scan(count, end, false);
            } finally {
                av_packet_free(packet);
            }
        }
    }
}
