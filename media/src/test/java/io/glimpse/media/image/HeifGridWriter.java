package io.glimpse.media.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: assembles a HEIC whose primary item is a rows x columns tile grid (as phones
 * write them) from single-image HEICs produced by heif-enc, one per tile. From each source it
 * takes the {@code hvcC} decoder configuration and the coded bytes of its {@code hvc1} item;
 * it then writes ftyp, meta (hdlr, pitm, iloc, iinf, iref/dimg, iprp with ipco/ipma) and mdat.
 * Only what heif-enc 1.15 writes is understood (iloc version 0 or 1, construction method 0).
 */
final class HeifGridWriter {
    private HeifGridWriter() {
    }

    /** One coded tile: its hvcC box (whole, with header) and its HEVC data. */
    record Tile(byte[] hvcC, byte[] data) {
    }

    /** Extracts the hvc1 item of a heif-enc output. */
    static Tile tileOf(byte[] heic) {
        int meta = find(heic, "meta", 0);
        int hvcC = find(heic, "hvcC", meta);
        byte[] hvcCBox = Arrays.copyOfRange(heic, hvcC, hvcC + ByteBuffer.wrap(heic, hvcC, 4).getInt());
        int hvc1Item = hvc1ItemId(heic, meta);
        return new Tile(hvcCBox, itemData(heic, find(heic, "iloc", meta), hvc1Item));
    }

    /**
     * A HEIC with a {@code rows x columns} grid of {@code tiles} (row-major, all tileW x tileH)
     * cropped to {@code outW x outH}; {@code gridProperties} (e.g. {@link #irot}, {@link #imir})
     * are associated with the grid item, as essential, in the given order.
     */
    static byte[] grid(List<Tile> tiles, int rows, int columns, int tileW, int tileH, int outW, int outH,
                       byte[]... gridProperties) {
        byte[] gridData = ByteBuffer.allocate(8).put((byte) 0).put((byte) 0).put((byte) (rows - 1))
                .put((byte) (columns - 1)).putShort((short) outW).putShort((short) outH).array();
        byte[] ftyp = box("ftyp", concat(ascii("heic"), new byte[4], ascii("mif1"), ascii("heic")));
        byte[] meta = meta(tiles, gridData, tileW, tileH, outW, outH, 0, gridProperties);
        int dataStart = ftyp.length + meta.length + 8;
        meta = meta(tiles, gridData, tileW, tileH, outW, outH, dataStart, gridProperties);
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        tiles.forEach(t -> mdat.writeBytes(t.data()));
        mdat.writeBytes(gridData);
        return concat(ftyp, meta, box("mdat", mdat.toByteArray()));
    }

    /** HEIF image rotation property: {@code quarterTurns} x 90 degrees anti-clockwise. */
    static byte[] irot(int quarterTurns) {
        return box("irot", new byte[] {(byte) (quarterTurns & 3)});
    }

    /**
     * HEIF image mirror property. As libheif (and Apple) read it: 0 flips top-bottom, 1 flips
     * left-right (the 2017 text of ISO/IEC 23008-12 described axis 0 as "vertical"; readers
     * settled on this meaning, which FFmpeg also follows).
     */
    static byte[] imir(int axis) {
        return box("imir", new byte[] {(byte) (axis & 1)});
    }

    private static byte[] meta(List<Tile> tiles, byte[] gridData, int tileW, int tileH, int outW, int outH, int dataStart,
                               byte[]... gridProperties) {
        int n = tiles.size();
        int gridId = n + 1;
        byte[] hdlr = fullBox("hdlr", 0, 0, concat(new byte[4], ascii("pict"), new byte[12], new byte[1]));
        byte[] pitm = fullBox("pitm", 0, 0, u16(gridId));
        ByteArrayOutputStream iloc = new ByteArrayOutputStream();
        iloc.writeBytes(new byte[] {0x44, 0x00}); // offset_size 4, length_size 4, base_offset_size 0
        iloc.writeBytes(u16(gridId));
        int offset = dataStart;
        for (int i = 0; i <= n; i++) {
            int length = i < n ? tiles.get(i).data().length : gridData.length;
            iloc.writeBytes(concat(u16(i + 1), u16(0), u16(1), u32(offset), u32(length)));
            offset += length;
        }
        ByteArrayOutputStream infes = new ByteArrayOutputStream();
        for (int i = 1; i <= gridId; i++) {
            int hidden = i < gridId ? 1 : 0;
            infes.writeBytes(fullBox("infe", 2, hidden, concat(u16(i), u16(0), ascii(i < gridId ? "hvc1" : "grid"), new byte[1])));
        }
        byte[] iinf = fullBox("iinf", 0, 0, concat(u16(gridId), infes.toByteArray()));
        ByteArrayOutputStream dimg = new ByteArrayOutputStream();
        dimg.writeBytes(concat(u16(gridId), u16(n)));
        for (int i = 1; i <= n; i++) {
            dimg.writeBytes(u16(i));
        }
        byte[] iref = fullBox("iref", 0, 0, box("dimg", dimg.toByteArray()));
        ByteArrayOutputStream ipco = new ByteArrayOutputStream();
        tiles.forEach(t -> ipco.writeBytes(t.hvcC()));
        ipco.writeBytes(fullBox("ispe", 0, 0, concat(u32(tileW), u32(tileH))));
        ipco.writeBytes(fullBox("ispe", 0, 0, concat(u32(outW), u32(outH))));
        for (byte[] property : gridProperties) {
            ipco.writeBytes(property);
        }
        ByteArrayOutputStream ipma = new ByteArrayOutputStream();
        ipma.writeBytes(u32(gridId));
        for (int i = 1; i <= n; i++) {
            ipma.writeBytes(concat(u16(i), new byte[] {2, (byte) (0x80 | i), (byte) (n + 1)}));
        }
        ipma.writeBytes(concat(u16(gridId), new byte[] {(byte) (1 + gridProperties.length), (byte) (n + 2)}));
        for (int p = 0; p < gridProperties.length; p++) {
            ipma.write(0x80 | (n + 3 + p));
        }
        byte[] iprp = box("iprp", concat(box("ipco", ipco.toByteArray()), fullBox("ipma", 0, 0, ipma.toByteArray())));
        return fullBox("meta", 0, 0, concat(hdlr, pitm, fullBox("iloc", 0, 0, iloc.toByteArray()), iinf, iref, iprp));
    }

    private static int hvc1ItemId(byte[] heic, int from) {
        for (int at = find(heic, "infe", from); at >= 0; at = find(heic, "infe", at + 8)) {
            int version = heic[at + 8]; // box start: size(4) type(4) version(1) flags(3) item_ID(2) protection(2) type(4)
            if (version == 2 && new String(heic, at + 16, 4, StandardCharsets.US_ASCII).equals("hvc1")) {
                return ByteBuffer.wrap(heic, at + 12, 2).getShort() & 0xFFFF;
            }
        }
        throw new IllegalArgumentException("no hvc1 item");
    }

    /** The bytes of {@code itemId}'s extents, from an iloc box starting at {@code iloc} (its size field). */
    private static byte[] itemData(byte[] heic, int iloc, int itemId) {
        ByteBuffer b = ByteBuffer.wrap(heic);
        int version = heic[iloc + 8];
        b.position(iloc + 12);
        int sizes = b.getShort() & 0xFFFF;
        int offsetSize = sizes >> 12;
        int lengthSize = (sizes >> 8) & 0xF;
        int baseOffsetSize = (sizes >> 4) & 0xF;
        int indexSize = version >= 1 ? sizes & 0xF : 0;
        int count = version < 2 ? b.getShort() & 0xFFFF : b.getInt();
        for (int i = 0; i < count; i++) {
            int id = version < 2 ? b.getShort() & 0xFFFF : b.getInt();
            if (version >= 1) {
                b.getShort(); // construction method (0 = file offset assumed)
            }
            b.getShort(); // data reference index
            long base = read(b, baseOffsetSize);
            int extents = b.getShort() & 0xFFFF;
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (int e = 0; e < extents; e++) {
                read(b, indexSize);
                long off = read(b, offsetSize);
                long len = read(b, lengthSize);
                data.write(heic, (int) (base + off), (int) len);
            }
            if (id == itemId) {
                return data.toByteArray();
            }
        }
        throw new IllegalArgumentException("item " + itemId + " not in iloc");
    }

    private static long read(ByteBuffer b, int size) {
        return switch (size) {
            case 0 -> 0;
            case 4 -> b.getInt() & 0xFFFFFFFFL;
            case 8 -> b.getLong();
            default -> throw new IllegalArgumentException("field size " + size);
        };
    }

    /** Start (size field) of the first box of type {@code fourcc} whose type lies at or after {@code from}. */
    private static int find(byte[] data, String fourcc, int from) {
        byte[] needle = ascii(fourcc);
        outer:
        for (int i = Math.max(from, 4); i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i - 4;
        }
        return -1;
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(u32(8 + payload.length), ascii(type), payload);
    }

    private static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        return box(type, concat(new byte[] {(byte) version, (byte) (flags >> 16), (byte) (flags >> 8), (byte) flags}, payload));
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
