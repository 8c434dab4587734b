package io.glimpse.media.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the EXIF (TIFF) block of a JPEG, PNG, WebP or HEIF file by walking its container,
 * without trusting any declared length.
 *
 * <p>Hand-written on purpose: metadata-extractor, used before, parsed and inflated every
 * metadata chunk (a 1 MB PNG whose zTXt chunk inflates to 1.2 GB cost 4.4 GB) and allocated
 * chunk lengths as declared before reading them (a 34 KB PNG claiming a 2 GB tEXt chunk cost
 * 4.3 GB). Glimpse needs one tag, so this walks the chunk/box/segment headers with positional
 * reads, checks every length against the bytes that are really in the file, never inflates
 * anything, and copies at most {@link #MAX_EXIF_BYTES} of the EXIF payload. Peak memory is a
 * few kilobytes whatever the file claims.
 *
 * <p>Stateless; each call reads through the caller's channel only.
 */
final class ExifLocator {
    /** The TIFF header and IFD0 sit at the start of an EXIF block; thumbnails and maker notes after it are not needed. */
    static final int MAX_EXIF_BYTES = 256 * 1024;
    /** More chunks/segments/boxes than any real picture has; a forged file of empty chunks stops here. */
    private static final int MAX_STEPS = 100_000;

    private ExifLocator() {
    }

    /** The TIFF block ("II*\0..." or "MM\0*...") of the file's EXIF, or empty when there is none or it cannot be located. */
    static Optional<ByteBuffer> find(FileChannel file, ImageFormat format) throws IOException {
        return switch (format) {
            case JPEG -> jpeg(file);
            case PNG -> png(file);
            case WEBP -> webp(file);
            case HEIF -> heif(file);
            case BMP, GIF -> Optional.empty();
        };
    }

    /** JPEG: the first APP1 segment starting "Exif\0\0"; segments are at most 64 KB by construction. */
    private static Optional<ByteBuffer> jpeg(FileChannel file) throws IOException {
        long size = file.size();
        long at = 2; // after SOI
        for (int step = 0; step < MAX_STEPS && at + 4 <= size; step++) {
            ByteBuffer header = read(file, at, 4);
            if ((header.get(0) & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = header.get(1) & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                at += 1;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // TEM, RSTn, SOI: no length
                at += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no metadata beyond
                return Optional.empty();
            }
            int length = header.getShort(2) & 0xFFFF; // includes its own two bytes
            if (length < 2 || at + 2 + length > size) {
                return Optional.empty();
            }
            if (marker == 0xE1 && length >= 2 + 6 + 8) {
                ByteBuffer payload = read(file, at + 4, length - 2);
                if (startsWith(payload, "Exif\0\0")) {
                    return Optional.of(slice(payload, 6, payload.limit() - 6));
                }
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    /** PNG: the eXIf chunk (PNG 1.5 extension), before or after the image data. */
    private static Optional<ByteBuffer> png(FileChannel file) throws IOException {
        long size = file.size();
        long at = 8; // after the signature
        for (int step = 0; step < MAX_STEPS && at + 12 <= size; step++) {
            ByteBuffer header = read(file, at, 8);
            long length = header.getInt(0) & 0xFFFFFFFFL;
            String type = fourCc(header, 4);
            if (length > Integer.MAX_VALUE || at + 12 + length > size) {
                return Optional.empty(); // a length the file cannot hold: the chunk list is broken from here on
            }
            if (type.equals("eXIf")) {
                return Optional.of(read(file, at + 8, (int) Math.min(length, MAX_EXIF_BYTES)));
            }
            if (type.equals("IEND")) {
                return Optional.empty();
            }
            at += 12 + length;
        }
        return Optional.empty();
    }

    /** WebP: the RIFF "EXIF" chunk (some writers put the JPEG-style "Exif\0\0" prefix in front of the TIFF header). */
    private static Optional<ByteBuffer> webp(FileChannel file) throws IOException {
        long size = file.size();
        long at = 12; // after "RIFF" size "WEBP"
        for (int step = 0; step < MAX_STEPS && at + 8 <= size; step++) {
            ByteBuffer header = read(file, at, 8).order(ByteOrder.LITTLE_ENDIAN);
            String type = fourCc(header, 0);
            long length = header.getInt(4) & 0xFFFFFFFFL;
            if (at + 8 + length > size) {
                return Optional.empty();
            }
            if (type.equals("EXIF")) {
                ByteBuffer payload = read(file, at + 8, (int) Math.min(length, MAX_EXIF_BYTES));
                return Optional.of(startsWith(payload, "Exif\0\0") ? slice(payload, 6, payload.limit() - 6) : payload);
            }
            at += 8 + length + (length & 1); // chunks are padded to an even size
        }
        return Optional.empty();
    }

    /** HEIF: the item of type "Exif" listed in meta/iinf, located through meta/iloc (file offsets only). */
    private static Optional<ByteBuffer> heif(FileChannel file) throws IOException {
        HeifBoxes.Box meta = HeifBoxes.Box.find(file, 0, file.size(), "meta").orElse(null);
        if (meta == null) {
            return Optional.empty();
        }
        long children = meta.body() + 4; // version and flags of the full box
        HeifBoxes.Box iinf = HeifBoxes.Box.find(file, children, meta.end(), "iinf").orElse(null);
        HeifBoxes.Box iloc = HeifBoxes.Box.find(file, children, meta.end(), "iloc").orElse(null);
        if (iinf == null || iloc == null) {
            return Optional.empty();
        }
        OptionalLong itemId = HeifBoxes.exifItemId(file, iinf);
        if (itemId.isEmpty()) {
            return Optional.empty();
        }
        Optional<long[]> extent = HeifBoxes.firstExtent(file, iloc, itemId.getAsLong());
        if (extent.isEmpty()) {
            return Optional.empty();
        }
        long offset = extent.get()[0];
        long length = extent.get()[1];
        if (offset < 0 || length < 4 || length > file.size() || offset > file.size() - length) {
            return Optional.empty();
        }
        ByteBuffer item = read(file, offset, (int) Math.min(length, MAX_EXIF_BYTES));
        long tiffStart = 4 + (item.getInt(0) & 0xFFFFFFFFL); // ISO/IEC 23008-12 A.2.1: exif_tiff_header_offset
        if (tiffStart >= item.limit()) {
            return Optional.empty();
        }
        ByteBuffer tiff = slice(item, (int) tiffStart, item.limit() - (int) tiffStart);
        return Optional.of(startsWith(tiff, "Exif\0\0") ? slice(tiff, 6, tiff.limit() - 6) : tiff);
    }

    /** Exactly {@code length} bytes at {@code position} (big-endian buffer); the caller has checked they exist. */
    static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("file ends inside a header");
            }
        }
        return buffer.flip();
    }

    static String fourCc(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = buffer.get(at + i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(ByteBuffer buffer, String ascii) {
        if (buffer.limit() < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buffer.get(i) != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer slice(ByteBuffer buffer, int from, int length) {
        return buffer.duplicate().position(from).limit(from + length).slice().order(ByteOrder.BIG_ENDIAN);
    }
}
