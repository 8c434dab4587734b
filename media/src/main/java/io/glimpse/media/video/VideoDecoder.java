package io.glimpse.media.video;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import io.glimpse.media.CancelToken;
import io.glimpse.media.InputFiles;
import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import io.glimpse.media.ffmpeg.Ffmpeg;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A thin, seekable video decoder over FFmpeg's C API (through JavaCPP's presets).
 *
 * <p>Why not {@code FFmpegFrameGrabber}: its seek-and-decode-forward loop runs inside one call,
 * so a cancel request could not be honoured between decoded frames, and it cannot tell whether a
 * target lies inside the GOP already being decoded (here the container's keyframe index decides
 * whether to seek or to decode forward). Conversion to RGB happens only for frames that are kept.
 *
 * <p>Not thread-safe: one thread opens, uses and closes an instance. It owns native memory;
 * always close it (try-with-resources).
 */
final class VideoDecoder implements AutoCloseable {
    static {
        Ffmpeg.init();
    }

    private final Path file;
    private AVFormatContext format;
    private AVCodecContext codec;
    private final AVStream stream;
    private final int streamIndex;
    private final double timeBase;
    private final long startPts;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    /** The frame decoded before {@link #frame} (a reference, not a copy), for "on screen at t". */
    private final AVFrame previous = av_frame_alloc();
    private final int rotationDegrees;
    private SwsContext sws;
    /** Native RGB output of swscale, reused from frame to frame (grown when frames get larger). */
    private BytePointer rgbBuffer;
    private final PointerPointer<BytePointer> rgbPlanes = new PointerPointer<>(4);
    private final IntPointer rgbStrides = new IntPointer(0, 0, 0, 0);
    private boolean inputEnded;
    private boolean decoderDrained;
    private long lastPts = Long.MIN_VALUE;
    /** Presentation time of {@link #previous}; Long.MIN_VALUE when it holds no frame. */
    private long previousPts = Long.MIN_VALUE;
    private static final int MAX_DAMAGED_IN_A_ROW = 64;

    private final VideoTiming timing;

    private VideoDecoder(Path file, AVFormatContext format, int streamIndex, VideoTiming timing) throws MediaException {
        this.file = file;
        this.format = format;
        this.streamIndex = streamIndex;
        this.stream = format.streams(streamIndex);
        this.timing = timing;
        // Seconds are the stream's time base, stretched only where the timestamps were found absurd.
        this.timeBase = av_q2d(stream.time_base()) * timing.timeScale();
        this.startPts = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
        this.rotationDegrees = readRotation(stream.codecpar());
    }

    /** Opens {@code file} and its best video stream, or throws a one-line {@link MediaException}. */
    static VideoDecoder open(Path file) throws MediaException {
        checkReadableFile(file);
        AVFormatContext format = new AVFormatContext(null);
        int ret = avformat_open_input(format, file.toString(), null, null);
        if (ret < 0) {
            throw new MediaException(file, "not a video FFmpeg can read (" + Ffmpeg.errorText(ret) + ")");
        }
        try {
            StillImageDemuxers.refuse(file, format);
            ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new MediaException(file, "corrupt or truncated video: cannot read stream info (" + Ffmpeg.errorText(ret) + ")");
            }
            int index = findVideoStream(format);
            if (index < 0) {
                throw new MediaException(file, hasStream(format, AVMEDIA_TYPE_AUDIO)
                        ? "no video stream (the file holds audio only)"
                        : "no video stream");
            }
            // Measured before decoding starts: the packet scan moves the read position, and the
            // first decode always seeks.
            VideoDecoder decoder = new VideoDecoder(file, format, index, VideoTiming.measure(format, index));
            decoder.openCodec();
            return decoder;
        } catch (MediaException | RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    static void checkReadableFile(Path file) throws MediaException {
        InputFiles.requireReadableRegularFile(file); // never opens a FIFO or a device
    }

    /** The best video stream that is not a still cover picture, or -1. */
    private static int findVideoStream(AVFormatContext format) {
        int best = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        if (best >= 0 && (format.streams(best).disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
            return best;
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (s.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasStream(AVFormatContext format, int mediaType) {
        for (int i = 0; i < format.nb_streams(); i++) {
            if (format.streams(i).codecpar().codec_type() == mediaType) {
                return true;
            }
        }
        return false;
    }

    private void openCodec() throws MediaException {
        AVCodecParameters par = stream.codecpar();
        AVCodec decoder = avcodec_find_decoder(par.codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new MediaException(file, "no decoder for video codec " + avcodec_get_name(par.codec_id()).getString());
        }
        codec = avcodec_alloc_context3(decoder);
        int ret = avcodec_parameters_to_context(codec, par);
        if (ret < 0) {
            throw new MediaException(file, "bad video codec parameters (" + Ffmpeg.errorText(ret) + ")");
        }
        codec.thread_count(0); // FFmpeg picks the thread count, as the ffmpeg command line does
        ret = avcodec_open2(codec, decoder, (PointerPointer<?>) null);
        if (ret < 0) {
            throw new MediaException(file, "cannot open the " + decoder.name().getString() + " decoder (" + Ffmpeg.errorText(ret) + ")");
        }
    }

    /** The stream's properties: headers, and the timing {@link VideoTiming} established at open. */
    VideoInfo info() {
        AVCodecParameters par = stream.codecpar();
        double avg = timing.averageFps();
        double nominal = timing.nominalFps();
        boolean variable = avg > 0 && nominal > 0 && Math.abs(avg - nominal) > 0.01 * nominal;
        BytePointer pix = av_get_pix_fmt_name(par.format());
        return new VideoInfo(timing.durationSeconds(), avg, nominal, timing.frameCount(), timing.exact(), variable,
                par.width(), par.height(), rotationDegrees,
                avcodec_get_name(par.codec_id()).getString(),
                pix == null || pix.isNull() ? "unknown" : pix.getString(),
                format.iformat().name().getString(),
                hasStream(format, AVMEDIA_TYPE_AUDIO),
                startPts * timeBase,
                timing.source());
    }

    /** Clockwise degrees (0, 90, 180, 270) from the stream's display matrix. */
    private static int readRotation(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.data() == null || sd.size() < 36) {
            return 0;
        }
        // av_display_rotation_get gives the counter-clockwise angle; display needs the inverse.
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        return (int) Math.floorMod(Math.round(-ccw / 90.0) * 90, 360);
    }

    /** Seconds of presentation time of a stream timestamp, relative to the first frame. */
    double seconds(long pts) {
        return (pts - startPts) * timeBase;
    }

    private long toPts(double seconds) {
        return startPts + Math.round(seconds / timeBase);
    }

    /**
     * Makes the next {@link #decodeNext} return frames at or after {@code seconds}: when the
     * keyframe before the target lies behind what was already decoded, decoding simply goes on
     * forward; otherwise it seeks to that keyframe and flushes the decoder.
     */
    void prepareFor(double seconds) throws MediaException {
        long target = toPts(seconds);
        if (lastPts != Long.MIN_VALUE && target <= lastPts) {
            return; // every frame still to come lies after the target already
        }
        if (lastPts != Long.MIN_VALUE) {
            int keyframe = av_index_search_timestamp(stream, target, AVSEEK_FLAG_BACKWARD);
            boolean keyframeBehindUs = keyframe >= 0
                    ? avformat_index_get_entry(stream, keyframe).timestamp() <= lastPts
                    : (target - lastPts) * timeBase < 1.0; // no index: decode up to 1 s forward
            if (keyframeBehindUs) {
                return;
            }
        }
        seekTo(target);
    }

    private void seekTo(long target) throws MediaException {
        int ret = av_seek_frame(format, streamIndex, target, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            // Some streams cannot seek: restart from the beginning and decode forward.
            ret = av_seek_frame(format, streamIndex, startPts, AVSEEK_FLAG_BACKWARD);
            if (ret < 0) {
                throw new MediaException(file, "cannot seek in the video (" + Ffmpeg.errorText(ret) + ")");
            }
        }
        avcodec_flush_buffers(codec);
        inputEnded = false;
        decoderDrained = false;
        lastPts = Long.MIN_VALUE;
        av_frame_unref(frame);
        av_frame_unref(previous);
        previousPts = Long.MIN_VALUE;
    }

    /**
     * Like {@link #prepareFor}, for finding the frame on screen at {@code seconds}: that frame may
     * lie before the last decoded one, so going back always seeks.
     */
    void prepareToShow(double seconds) throws MediaException {
        long target = toPts(seconds);
        if (lastPts != Long.MIN_VALUE && target < lastPts) {
            seekTo(target);
        } else {
            prepareFor(seconds);
        }
    }

    /**
     * Decodes forward to the next frame; returns false at the end of the stream. The decoded
     * frame stays in the decoder until the next call (read it with {@link #currentPts()} and
     * {@link #convertCurrent()}). Checks {@code cancel} once per packet read.
     */
    boolean decodeNext(CancelToken cancel) throws MediaException {
        if (frame.width() > 0) {
            av_frame_unref(previous);
            av_frame_move_ref(previous, frame);
            previousPts = lastPts;
        }
        int damaged = 0;
        while (true) {
            cancel.throwIfCancelled();
            int ret = avcodec_receive_frame(codec, frame);
            if (ret >= 0) {
                long pts = frame.best_effort_timestamp();
                lastPts = pts == AV_NOPTS_VALUE ? lastPts + 1 : pts;
                return true;
            }
            if (ret == AVERROR_EOF()) {
                decoderDrained = true;
                return false;
            }
            if (ret == AVERROR_INVALIDDATA && ++damaged < MAX_DAMAGED_IN_A_ROW) {
                continue; // a damaged frame (e.g. cut off by truncation) is skipped, as players do
            }
            if (ret != AVERROR_EAGAIN()) {
                throw new MediaException(file, "corrupt video data (" + Ffmpeg.errorText(ret) + ")");
            }
            if (decoderDrained) {
                return false;
            }
            feedOnePacket();
        }
    }

    private void feedOnePacket() throws MediaException {
        if (inputEnded) {
            return;
        }
        while (true) {
            int ret = av_read_frame(format, packet);
            if (ret < 0) {
                inputEnded = true; // EOF, or data cut short: drain what the decoder still holds
                avcodec_send_packet(codec, null);
                return;
            }
            try {
                if (packet.stream_index() == streamIndex) {
                    ret = avcodec_send_packet(codec, packet);
                    // A damaged packet is skipped, as players do; hard errors surface on receive.
                    if (ret < 0 && ret != AVERROR_EAGAIN() && ret != AVERROR_INVALIDDATA) {
                        throw new MediaException(file, "corrupt video data (" + Ffmpeg.errorText(ret) + ")");
                    }
                    return;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Presentation time, in stream timestamp units, of the frame last decoded. */
    long currentPts() {
        return lastPts;
    }

    /** Whether a frame was decoded before the current one since the last seek. */
    boolean hasPrevious() {
        return previousPts != Long.MIN_VALUE;
    }

    /** Presentation time of the frame decoded before the current one. */
    long previousPts() {
        return previousPts;
    }

    /** The frame last decoded as RGB (stored orientation; rotation is the caller's). */
    RgbImage convertCurrent() throws MediaException {
        return convert(frame);
    }

    /** The frame decoded before the current one as RGB. */
    RgbImage convertPrevious() throws MediaException {
        return convert(previous);
    }

    /**
     * swscale's SIMD writers store whole vectors, so they write past the end of an unaligned output
     * row (a fuzzed 12-pixel-wide MPEG-4 stream corrupted the heap through a 36-byte stride): the
     * output rows get a 64-byte-aligned stride and the buffer 64 bytes of slack, and the rows are
     * copied out without the padding.
     */
    private static final int SWS_ALIGN = 64;

    private RgbImage convert(AVFrame frame) throws MediaException {
        int w = frame.width();
        int h = frame.height();
        if (w <= 0 || h <= 0) {
            throw new MediaException(file, "corrupt video data: a decoded frame has size " + w + "x" + h);
        }
        // Plain bilinear, no full-chroma interpolation: swscale's fast YUV→RGB path, and the same
        // conversion PyAV's to_ndarray("rgb24") does for the reference (Hugging Face) pipelines.
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_RGB24,
                SWS_BILINEAR, null, null, (double[]) null);
        if (sws == null) {
            throw new MediaException(file, "corrupt video data: FFmpeg cannot convert a " + w + "x" + h
                    + " frame of pixel format " + frame.format() + " to RGB");
        }
        int fullRange = frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
        int colorspace = frame.colorspace() == AVCOL_SPC_UNSPECIFIED ? SWS_CS_DEFAULT : frame.colorspace();
        sws_setColorspaceDetails(sws, sws_getCoefficients(colorspace), fullRange,
                sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        int row = Math.multiplyExact(w, 3);
        int stride = Math.addExact(row, SWS_ALIGN - 1) / SWS_ALIGN * SWS_ALIGN;
        long capacity = (long) stride * h + SWS_ALIGN;
        if (rgbBuffer == null || rgbBuffer.capacity() < capacity) {
            if (rgbBuffer != null) {
                av_free(rgbBuffer);
            }
            rgbBuffer = new BytePointer(av_malloc(capacity)).capacity(capacity); // av_malloc: aligned as swscale wants
            if (rgbBuffer.isNull()) {
                throw new OutOfMemoryError("av_malloc of " + capacity + " bytes for an RGB frame failed");
            }
            rgbPlanes.put(0, rgbBuffer);
        }
        rgbStrides.put(0, stride);
        sws_scale(sws, frame.data(), frame.linesize(), 0, h, rgbPlanes, rgbStrides);
        byte[] rgb = new byte[Math.multiplyExact(row, h)];
        for (int y = 0; y < h; y++) {
            rgbBuffer.position((long) y * stride).get(rgb, y * row, row);
        }
        rgbBuffer.position(0);
        return RgbImage.wrap(w, h, rgb);
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        av_frame_free(frame);
        av_frame_free(previous);
        if (rgbBuffer != null) {
            av_free(rgbBuffer);
            rgbBuffer = null;
        }
        rgbPlanes.close();
        rgbStrides.close();
        av_packet_free(packet);
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
    }
}
