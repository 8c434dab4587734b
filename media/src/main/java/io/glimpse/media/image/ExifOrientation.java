package io.glimpse.media.image;

import io.glimpse.media.RgbImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * EXIF orientation (TIFF tag 274): reading it (through {@link ExifLocator}, bounded) and applying it to pixels.
 *
 * <p>The eight values describe how the stored pixels must be transformed to show the picture
 * upright: 1 as stored, 2 mirrored left-right, 3 turned 180°, 4 mirrored top-bottom,
 * 5 transposed (mirrored about the top-left/bottom-right diagonal), 6 turned 90° clockwise,
 * 7 transversed (mirrored about the other diagonal), 8 turned 90° counter-clockwise.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /**
     * The orientation stored in the file's EXIF block (JPEG APP1, PNG eXIf, WebP EXIF chunk,
     * HEIF Exif item), or 1 when there is none, it is out of range, or the metadata cannot be
     * parsed: broken metadata never stops a picture from loading.
     */
    static int read(Path file, ImageFormat format) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Optional<ByteBuffer> tiff = ExifLocator.find(channel, format);
            return tiff.isPresent() ? orientationTag(tiff.get()) : 1;
        } catch (Exception e) {
            return 1;
        }
    }

    /**
     * Tag 274 of IFD0 in a TIFF block (TIFF 6.0: byte order "II"/"MM", 42, the IFD0 offset, then
     * 12-byte entries); 1 when it is missing, out of range or anything in the block is out of bounds.
     */
    static int orientationTag(ByteBuffer tiff) {
        if (tiff.limit() < 8) {
            return 1;
        }
        ByteBuffer b = tiff.duplicate();
        if (b.get(0) == 'I' && b.get(1) == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b.get(0) != 'M' || b.get(1) != 'M') {
            return 1;
        }
        if (b.getShort(2) != 42) {
            return 1;
        }
        long ifd0 = b.getInt(4) & 0xFFFFFFFFL;
        if (ifd0 < 8 || ifd0 + 2 > b.limit()) {
            return 1;
        }
        int entries = b.getShort((int) ifd0) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            long entry = ifd0 + 2 + 12L * i;
            if (entry + 12 > b.limit()) {
                return 1;
            }
            int at = (int) entry;
            if ((b.getShort(at) & 0xFFFF) != 274) {
                continue;
            }
            int type = b.getShort(at + 2) & 0xFFFF;
            long value = switch (type) {
                case 3 -> b.getShort(at + 8) & 0xFFFF; // SHORT, the type the standard prescribes
                case 4 -> b.getInt(at + 8) & 0xFFFFFFFFL; // LONG, written by some tools
                default -> 1;
            };
            return value >= 1 && value <= 8 ? (int) value : 1;
        }
        return 1;
    }

    /** True for 5..8, whose upright picture has width and height swapped. */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright picture for pixels {@code stored} carrying {@code orientation} (1..8). */
    static RgbImage apply(RgbImage stored, int orientation) {
        return switch (orientation) {
            case 1 -> stored;
            case 2 -> stored.flipHorizontal();
            case 3 -> stored.rotateClockwise(2);
            case 4 -> stored.rotateClockwise(2).flipHorizontal();
            case 5 -> stored.rotateClockwise(1).flipHorizontal();
            case 6 -> stored.rotateClockwise(1);
            case 7 -> stored.rotateClockwise(3).flipHorizontal();
            case 8 -> stored.rotateClockwise(3);
            default -> throw new IllegalArgumentException("orientation must be 1..8, got " + orientation);
        };
    }
}
