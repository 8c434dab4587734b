package io.glimpse.media.image;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Makes RGB and grayscale JPEGs decode like Pillow: both ImageIO JPEG readers (JDK and
 * TwelveMonkeys) convert pixels through an embedded ICC profile into sRGB, while Pillow's
 * {@code convert("RGB")} returns the stored values untouched. For a JPEG with 1 or 3 components
 * that embeds {@code APP2 ICC_PROFILE} segments, this offers the same bytes without those
 * segments. CMYK/YCCK JPEGs (4 components) keep their profile: TwelveMonkeys needs it to reach
 * RGB at all.
 */
final class JpegIccStripper {
    private static final byte[] ICC_TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegIccStripper() {
    }

    /** The file's bytes without its ICC segments, or empty when nothing needs stripping. */
    static Optional<InputStream> withoutIccProfile(Path file) throws IOException {
        List<long[]> skip = new ArrayList<>(); // {start, end} byte ranges of ICC segments
        int components = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ))))) {
            long pos = 2;
            in.readUnsignedShort(); // SOI
            while (true) {
                int b = in.readUnsignedByte();
                pos++;
                if (b != 0xFF) {
                    return Optional.empty(); // not a marker where one must be: leave it to the decoder
                }
                int marker = in.readUnsignedByte();
                pos++;
                while (marker == 0xFF) { // fill bytes
                    marker = in.readUnsignedByte();
                    pos++;
                }
                if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // stand-alone markers
                }
                if (marker == 0xDA || marker == 0xD9) {
                    break; // start of scan / end of image: headers are over
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    return Optional.empty();
                }
                byte[] payload = in.readNBytes(length - 2);
                if (payload.length < length - 2) {
                    throw new EOFException();
                }
                if (marker == 0xE2 && startsWith(payload, ICC_TAG)) {
                    skip.add(new long[] {pos - 2, pos + length});
                }
                boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (sof && payload.length >= 6) {
                    components = payload[5] & 0xFF;
                }
                pos += length;
            }
        } catch (EOFException e) {
            return Optional.empty(); // truncated headers: the decoder will report it
        }
        if (skip.isEmpty() || components == 4) {
            return Optional.empty();
        }
        List<InputStream> parts = new ArrayList<>();
        long from = 0;
        for (long[] range : skip) {
            parts.add(slice(file, from, range[0]));
            from = range[1];
        }
        parts.add(slice(file, from, Long.MAX_VALUE));
        return Optional.of(new SequenceInputStream(Collections.enumeration(parts)));
    }

    /** Bytes [start, end) of the file (one channel per slice, closed with the stream). */
    private static InputStream slice(Path file, long start, long end) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(start);
        InputStream whole = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = end - start;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = whole.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = whole.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                whole.close();
            }
        };
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
