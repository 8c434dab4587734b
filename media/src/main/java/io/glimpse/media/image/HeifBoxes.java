package io.glimpse.media.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The few ISO-BMFF / HEIF (ISO/IEC 14496-12, 23008-12) structures {@link ExifLocator} needs to find
 * the Exif item: box headers, {@code iinf}/{@code infe} item types and {@code iloc} extents.
 * Every size is checked against its parent box and the file before use; box bodies that are
 * parsed are copied only up to {@link #MAX_TABLE_BYTES}. Stateless.
 */
final class HeifBoxes {
    /** Item tables of real pictures (even 8x8 tile grids) are a few kilobytes. */
    private static final int MAX_TABLE_BYTES = 1 << 20;
    private static final int MAX_BOXES = 10_000;

    private HeifBoxes() {
    }

    /** A box: where its body starts and where the box ends (both absolute file positions). */
    record Box(String type, long body, long end) {
        /** The first box of {@code type} among the sibling boxes in [{@code from}, {@code to}). */
        static Optional<Box> find(FileChannel file, long from, long to, String type) throws IOException {
            long at = from;
            for (int i = 0; i < MAX_BOXES && at + 8 <= to; i++) {
                ByteBuffer header = ExifLocator.read(file, at, 8);
                long size = header.getInt(0) & 0xFFFFFFFFL;
                String name = ExifLocator.fourCc(header, 4);
                long body = at + 8;
                if (size == 1) { // 64-bit size follows
                    if (at + 16 > to) {
                        return Optional.empty();
                    }
                    size = ExifLocator.read(file, at + 8, 8).getLong(0);
                    body = at + 16;
                } else if (size == 0) { // extends to the end of its parent
                    size = to - at;
                }
                if (size < body - at || size > to - at) {
                    return Optional.empty(); // a size the parent cannot hold
                }
                if (name.equals(type)) {
                    return Optional.of(new Box(name, body, at + size));
                }
                at += size;
            }
            return Optional.empty();
        }

        /** The box body (after the header), at most {@link #MAX_TABLE_BYTES}. */
        ByteBuffer readBody(FileChannel file) throws IOException {
            return ExifLocator.read(file, body, (int) Math.min(end - body, MAX_TABLE_BYTES));
        }
    }

    /** The item ID whose {@code infe} entry has item_type "Exif". */
    static OptionalLong exifItemId(FileChannel file, Box iinf) throws IOException {
        ByteBuffer head = ExifLocator.read(file, iinf.body(), (int) Math.min(8, iinf.end() - iinf.body()));
        int version = head.get(0) & 0xFF;
        long entries = iinf.body() + 4 + (version == 0 ? 2 : 4);
        for (int i = 0; i < MAX_BOXES && entries < iinf.end(); i++) {
            Optional<Box> infe = Box.find(file, entries, iinf.end(), "infe");
            if (infe.isEmpty()) {
                return OptionalLong.empty();
            }
            ByteBuffer body = infe.get().readBody(file);
            int infeVersion = body.get(0) & 0xFF;
            if (infeVersion >= 2) {
                long id = infeVersion == 2 ? body.getShort(4) & 0xFFFF : body.getInt(4) & 0xFFFFFFFFL;
                int typeAt = 4 + (infeVersion == 2 ? 2 : 4) + 2; // after item_ID and item_protection_index
                if (ExifLocator.fourCc(body, typeAt).equals("Exif")) {
                    return OptionalLong.of(id);
                }
            }
            entries = infe.get().end();
        }
        return OptionalLong.empty();
    }

    /** {file offset, length} of the first extent of {@code itemId}, for items stored in the file itself (construction method 0). */
    static Optional<long[]> firstExtent(FileChannel file, Box iloc, long itemId) throws IOException {
        ByteBuffer b = iloc.readBody(file);
        int version = b.get() & 0xFF;
        b.position(4); // flags
        int sizes = b.getShort() & 0xFFFF;
        int offsetSize = sizes >>> 12;
        int lengthSize = (sizes >>> 8) & 0xF;
        int baseOffsetSize = (sizes >>> 4) & 0xF;
        int indexSize = version == 1 || version == 2 ? sizes & 0xF : 0;
        long items = version < 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
        for (long i = 0; i < items; i++) {
            long id = version < 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
            int constructionMethod = version == 1 || version == 2 ? b.getShort() & 0xF : 0;
            b.getShort(); // data_reference_index
            long baseOffset = sized(b, baseOffsetSize);
            int extents = b.getShort() & 0xFFFF;
            long firstOffset = -1;
            long firstLength = -1;
            for (int e = 0; e < extents; e++) {
                sized(b, indexSize);
                long offset = sized(b, offsetSize);
                long length = sized(b, lengthSize);
                if (e == 0) {
                    firstOffset = offset;
                    firstLength = length;
                }
            }
            if (id == itemId) {
                if (constructionMethod != 0 || extents == 0) {
                    return Optional.empty(); // stored in idat or built from other items: not a plain file range
                }
                return Optional.of(new long[] {baseOffset + firstOffset, firstLength});
            }
        }
        return Optional.empty();
    }

    /** An unsigned big-endian field of 0, 4 or 8 bytes, as iloc declares them. */
    private static long sized(ByteBuffer b, int bytes) {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> b.getInt() & 0xFFFFFFFFL;
            case 8 -> b.getLong();
            default -> throw new IllegalArgumentException("iloc field size " + bytes);
        };
    }
}
