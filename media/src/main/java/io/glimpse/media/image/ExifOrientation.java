package io.glimpse.media.image;

import com.drew.imaging.heif.HeifMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.glimpse.media.RgbImage;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * EXIF orientation (TIFF tag 274): reading it with metadata-extractor and applying it to pixels.
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
        try (InputStream in = Files.newInputStream(file)) {
            Metadata metadata = switch (format) {
                case JPEG -> JpegMetadataReader.readMetadata(in);
                case PNG -> PngMetadataReader.readMetadata(in);
                case WEBP -> WebpMetadataReader.readMetadata(in);
                case HEIF -> HeifMetadataReader.readMetadata(in);
                case BMP, GIF -> null;
            };
            if (metadata == null) {
                return 1;
            }
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : 1;
        } catch (Exception | StackOverflowError e) {
            return 1;
        }
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
