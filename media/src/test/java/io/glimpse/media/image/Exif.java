package io.glimpse.media.image;

import java.io.ByteArrayOutputStream;

/** Test helper: puts a minimal APP1 Exif segment (TIFF header + one IFD0 entry, Orientation) into a JPEG. */
final class Exif {
    private Exif() {
    }

    /** {@code jpeg} with an APP1 "Exif" segment carrying {@code orientation} inserted right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        byte[] tiff = tiffWithOrientation(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + 6 + tiff.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Big-endian TIFF: header, IFD0 with one SHORT entry 0x0112 = orientation, next-IFD 0. */
    static byte[] tiffWithOrientation(int orientation) {
        return new byte[] {
            'M', 'M', 0, 42, 0, 0, 0, 8,          // header, IFD0 at offset 8
            0, 1,                                  // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,          // tag 274, type SHORT, count 1
            0, (byte) orientation, 0, 0,           // value, left-justified in 4 bytes
            0, 0, 0, 0                             // no next IFD
        };
    }
}
