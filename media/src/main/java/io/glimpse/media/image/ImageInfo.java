package io.glimpse.media.image;

/**
 * What {@link ImageLoader#probe} learns from a file's headers without decoding its pixels.
 *
 * @param format        the detected format
 * @param storedWidth   width of the pixels as stored in the file
 * @param storedHeight  height of the pixels as stored in the file
 * @param orientation   EXIF-style orientation 1..8 that {@link ImageLoader#load} applies (1 = as stored)
 */
public record ImageInfo(ImageFormat format, int storedWidth, int storedHeight, int orientation) {

    public ImageInfo {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("orientation must be 1..8, got " + orientation);
        }
    }

    /** "JPEG", "PNG", "BMP", "GIF", "WebP" or "HEIF". */
    public String formatName() {
        return format.displayName();
    }

    /** Width of the image {@link ImageLoader#load} returns (after orientation). */
    public int uprightWidth() {
        return ExifOrientation.swapsAxes(orientation) ? storedHeight : storedWidth;
    }

    /** Height of the image {@link ImageLoader#load} returns (after orientation). */
    public int uprightHeight() {
        return ExifOrientation.swapsAxes(orientation) ? storedWidth : storedHeight;
    }

    /** Number of pixels, as a long so that forged headers cannot overflow it. */
    public long pixels() {
        return (long) storedWidth * storedHeight;
    }
}
