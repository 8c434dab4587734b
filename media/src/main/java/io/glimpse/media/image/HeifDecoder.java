package io.glimpse.media.image;

import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import io.glimpse.media.ffmpeg.Ffmpeg;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVStreamGroup;
import org.bytedeco.ffmpeg.avformat.AVStreamGroupTileGrid;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * Decodes HEIC/HEIF stills through FFmpeg (JavaCV's bundled libavformat/libavcodec/libswscale).
 *
 * <p>FFmpeg's ISO-BMFF demuxer exposes a HEIF file's primary image either as one video stream
 * (one coded item) or, for the tile grids phones write, as a tile-grid stream group whose tiles
 * are separate streams. Both are handled: every tile is decoded, converted to RGB and copied into
 * its place in the output, cropped to the grid's output size. The size is taken from the
 * container ({@code ispe} / grid) right after {@code avformat_open_input}, before any decoder is
 * opened, so the caller can refuse an oversized picture first.
 *
 * <p>Orientation: when FFmpeg reports a display matrix (HEIF {@code irot}/{@code imir}) it is
 * converted to the equivalent EXIF orientation; otherwise the caller applies the Exif item's
 * orientation. An alpha auxiliary image, if any, is not composited (the colour is used as is).
 */
final class HeifDecoder {
    private HeifDecoder() {
    }

    /** What the container says about the primary image. */
    record Layout(int width, int height, int orientationFromContainer) {
    }

    /** The stored pixels (orientation not applied) and the layout they came with. */
    record Decoded(RgbImage stored, Layout layout) {
    }

    static Layout probe(Path file) throws MediaException {
        try (Demuxer demuxer = Demuxer.open(file)) {
            return demuxer.layout();
        }
    }

    /**
     * Decodes the primary image as stored (without orientation); {@code sizeCheck} runs on the
     * container's size before any decoder is opened.
     */
    static Decoded decode(Path file, ImageIoDecoder.SizeCheck sizeCheck, long maxPixels, int background)
            throws MediaException {
        try (Demuxer demuxer = Demuxer.open(file)) {
            demuxer.maxPixels = maxPixels;
            Layout layout = demuxer.layout();
            sizeCheck.check(layout.width(), layout.height());
            if (demuxer.grid != null) {
                sizeCheck.check(demuxer.grid.coded_width(), demuxer.grid.coded_height());
            }
            return new Decoded(demuxer.decode(background), layout);
        }
    }

    /** One open AVFormatContext and the decoders made for it; closing frees everything. */
    private static final class Demuxer implements AutoCloseable {
        private final Path file;
        private final AVFormatContext ctx;
        private final Map<Integer, AVCodecContext> decoders = new HashMap<>();
        private AVStreamGroupTileGrid grid;
        private AVStreamGroup gridGroup;
        private AVStream single;
        /**
         * Passed to each decoder as {@code AVCodecContext.max_pixels}: a tile whose bitstream
         * claims a larger size than its container is refused by FFmpeg before allocation.
         */
        private long maxPixels = Long.MAX_VALUE;

        private Demuxer(Path file, AVFormatContext ctx) {
            this.file = file;
            this.ctx = ctx;
        }

        static Demuxer open(Path file) throws MediaException {
            Ffmpeg.init();
            AVFormatContext ctx = new AVFormatContext(null);
            int r = avformat_open_input(ctx, file.toString(), null, (AVDictionary) null);
            if (r < 0) {
                throw new MediaException(file, "corrupt or truncated HEIF data: " + error(r));
            }
            Demuxer d = new Demuxer(file, ctx);
            try {
                d.findPrimary();
            } catch (MediaException | RuntimeException e) {
                d.close();
                throw e;
            }
            return d;
        }

        private void findPrimary() throws MediaException {
            AVStreamGroup anyGrid = null;
            for (int i = 0; i < ctx.nb_stream_groups(); i++) {
                AVStreamGroup g = ctx.stream_groups(i);
                if (g.type() == AV_STREAM_GROUP_PARAMS_TILE_GRID) {
                    if ((g.disposition() & AV_DISPOSITION_DEFAULT) != 0) {
                        useGrid(g);
                        return;
                    }
                    anyGrid = anyGrid == null ? g : anyGrid;
                }
            }
            AVStream firstVideo = null;
            for (int i = 0; i < ctx.nb_streams(); i++) {
                AVStream s = ctx.streams(i);
                if (s.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
                    continue;
                }
                if ((s.disposition() & AV_DISPOSITION_DEFAULT) != 0) {
                    single = s;
                    return;
                }
                if (firstVideo == null && (s.disposition() & AV_DISPOSITION_DEPENDENT) == 0) {
                    firstVideo = s;
                }
            }
            if (anyGrid != null) {
                useGrid(anyGrid);
            } else if (firstVideo != null) {
                single = firstVideo;
            } else {
                throw new MediaException(file, "corrupt HEIF data: no image item found");
            }
        }

        private void useGrid(AVStreamGroup g) {
            gridGroup = g;
            grid = g.params_tile_grid();
        }

        Layout layout() throws MediaException {
            int w = grid != null ? grid.width() : single.codecpar().width();
            int h = grid != null ? grid.height() : single.codecpar().height();
            if (w <= 0 || h <= 0) {
                throw new MediaException(file, "corrupt HEIF header: no image size");
            }
            AVPacketSideData sideData = grid != null
                    ? av_packet_side_data_get(grid.coded_side_data(), grid.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX)
                    : av_packet_side_data_get(single.codecpar().coded_side_data(), single.codecpar().nb_coded_side_data(),
                            AV_PKT_DATA_DISPLAYMATRIX);
            int orientation = 0;
            if (sideData != null && !sideData.isNull() && sideData.size() >= 36) {
                int[] m = new int[9];
                new IntPointer(sideData.data()).get(m);
                orientation = orientationOf(m);
            }
            return new Layout(w, h, orientation);
        }

        RgbImage decode(int background) throws MediaException {
            Layout layout = layout();
            int w = layout.width();
            int h = layout.height();
            byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
            if (grid != null) {
                fill(out, background);
            }
            int cropX = grid != null ? grid.horizontal_offset() : 0;
            int cropY = grid != null ? grid.vertical_offset() : 0;
            // stream index -> every {x, y} where that stream's picture goes (a tile may repeat)
            Map<Integer, List<int[]>> placesByStream = new HashMap<>();
            if (grid != null) {
                for (int t = 0; t < grid.nb_tiles(); t++) {
                    AVStream s = gridGroup.streams(grid.offsets_idx(t));
                    placesByStream.computeIfAbsent(s.index(), k -> new ArrayList<>())
                            .add(new int[] {grid.offsets_horizontal(t) - cropX, grid.offsets_vertical(t) - cropY});
                }
            } else {
                placesByStream.put(single.index(), List.<int[]>of(new int[] {0, 0}));
            }
            int total = placesByStream.size();
            int remaining = total;
            AVPacket packet = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try {
                while (remaining > 0) {
                    int r = av_read_frame(ctx, packet);
                    if (r < 0) {
                        break;
                    }
                    List<int[]> places = placesByStream.remove(packet.stream_index());
                    if (places != null) {
                        decodeOne(packet, frame);
                        for (int[] place : places) {
                            paste(frame, out, w, h, place[0], place[1]);
                        }
                        av_frame_unref(frame);
                        remaining--;
                    }
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
                av_frame_free(frame);
            }
            if (remaining > 0) {
                throw new MediaException(file, "corrupt or truncated HEIF data: " + remaining + " of " + total
                        + " coded images missing");
            }
            return RgbImage.wrap(w, h, out);
        }

        /** Sends the item's one packet, flushes, and receives its frame into {@code frame}. */
        private void decodeOne(AVPacket packet, AVFrame frame) throws MediaException {
            AVStream stream = ctx.streams(packet.stream_index());
            AVCodecContext dec = decoder(stream);
            int r = avcodec_send_packet(dec, packet);
            if (r >= 0) {
                avcodec_send_packet(dec, null);
                r = avcodec_receive_frame(dec, frame);
            }
            if (r < 0) {
                throw new MediaException(file, "corrupt or truncated HEIF data: " + error(r));
            }
        }

        private AVCodecContext decoder(AVStream stream) throws MediaException {
            AVCodecContext existing = decoders.get(stream.index());
            if (existing != null) {
                return existing;
            }
            AVCodecParameters par = stream.codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null || codec.isNull()) {
                throw new MediaException(file, "unsupported image format (HEIF with codec "
                        + avcodec_get_name(par.codec_id()).getString() + ")");
            }
            AVCodecContext dec = avcodec_alloc_context3(codec);
            decoders.put(stream.index(), dec);
            avcodec_parameters_to_context(dec, par);
            dec.thread_count(0);
            dec.max_pixels(Math.min(maxPixels, Integer.MAX_VALUE));
            int r = avcodec_open2(dec, codec, (AVDictionary) null);
            if (r < 0) {
                throw new MediaException(file, "cannot decode HEIF image: " + error(r));
            }
            return dec;
        }

        /** Converts {@code frame} to RGB24 and copies the part inside the output at (x0, y0). */
        private void paste(AVFrame frame, byte[] out, int outW, int outH, int x0, int y0) throws MediaException {
            int fw = frame.width();
            int fh = frame.height();
            SwsContext sws = sws_getContext(fw, fh, frame.format(), fw, fh, AV_PIX_FMT_RGB24,
                    SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, null, null, (DoublePointer) null);
            if (sws == null || sws.isNull()) {
                throw new MediaException(file, "cannot convert HEIF pixel format " + frame.format() + " to RGB");
            }
            AVFrame rgb = av_frame_alloc();
            try {
                int fullRange = frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
                sws_setColorspaceDetails(sws, sws_getCoefficients(frame.colorspace()), fullRange,
                        sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
                rgb.width(fw).height(fh).format(AV_PIX_FMT_RGB24);
                if (av_frame_get_buffer(rgb, 0) < 0) {
                    throw new MediaException(file, "out of memory converting HEIF image");
                }
                sws_scale(sws, frame.data(), frame.linesize(), 0, fh, rgb.data(), rgb.linesize());
                int stride = rgb.linesize(0);
                BytePointer data = rgb.data(0);
                int left = Math.max(0, -x0);
                int right = Math.min(fw, outW - x0);
                int top = Math.max(0, -y0);
                int bottom = Math.min(fh, outH - y0);
                for (int y = top; y < bottom && left < right; y++) {
                    data.position((long) y * stride + left * 3L)
                            .get(out, ((y0 + y) * outW + x0 + left) * 3, (right - left) * 3);
                }
            } finally {
                av_frame_free(rgb);
                sws_freeContext(sws);
            }
        }

        @Override
        public void close() {
            for (AVCodecContext dec : decoders.values()) {
                avcodec_free_context(dec);
            }
            decoders.clear();
            avformat_close_input(ctx);
        }
    }

    private static void fill(byte[] out, int background) {
        for (int i = 0; i < out.length; i += 3) {
            out[i] = (byte) (background >> 16);
            out[i + 1] = (byte) (background >> 8);
            out[i + 2] = (byte) background;
        }
    }

    /**
     * The EXIF orientation equivalent to an FFmpeg display matrix {@code [a b u; c d v; x y w]}, or
     * 0 if it is not a multiple of 90°. FFmpeg maps a source pixel (X, Y), y pointing down, to
     * (a·X + c·Y, b·X + d·Y). Checked against libheif's rendering of every irot/imir combination
     * (HeifLoadingTest): irot 1 (90° anti-clockwise) gives 8, imir 0 gives 4 (top-bottom).
     */
    static int orientationOf(int[] m) {
        int a = Integer.signum(round(m[0]));
        int b = Integer.signum(round(m[1]));
        int c = Integer.signum(round(m[3]));
        int d = Integer.signum(round(m[4]));
        int[] image = {a, c, b, d}; // row-major 2x2 acting on (X, Y)
        int[][] byOrientation = {
            {1, 0, 0, 1}, {-1, 0, 0, 1}, {-1, 0, 0, -1}, {1, 0, 0, -1},
            {0, 1, 1, 0}, {0, -1, 1, 0}, {0, -1, -1, 0}, {0, 1, -1, 0},
        };
        for (int o = 0; o < 8; o++) {
            if (java.util.Arrays.equals(byOrientation[o], image)) {
                return o + 1;
            }
        }
        return 0;
    }

    /** A 16.16 fixed-point matrix entry rounded to -1, 0 or 1 (ignoring scale). */
    private static int round(int fixed) {
        return Math.abs(fixed) < (1 << 15) ? 0 : fixed;
    }

    private static String error(int code) {
        return Messages.oneLine(Ffmpeg.errorText(code));
    }
}
