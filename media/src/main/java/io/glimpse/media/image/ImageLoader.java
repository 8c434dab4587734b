package io.glimpse.media.image;

import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.InputFiles;
import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Decodes a user's image file into one upright {@link RgbImage}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Formats</b> are recognised by their first bytes, never by the extension: JPEG
 *       (baseline, progressive, grayscale, CMYK/YCCK via TwelveMonkeys), PNG (1–16 bit, palette,
 *       gray, alpha), BMP, GIF (first frame only), WebP (lossy, lossless, alpha; TwelveMonkeys)
 *       and HEIC/HEIF (FFmpeg, including tile grids). Anything else fails with
 *       "unsupported image format (TIFF)" (naming what it looks like) or
 *       "unsupported image format (not an image)".</li>
 *   <li><b>Size limit</b>: the width and height are read from the header before pixels are
 *       decoded; a picture with more than {@link #maxPixels()} pixels is refused with
 *       "image is 60000x60000 (3600.0 MP), over the limit of 100.0 MP" and nothing large is
 *       allocated.</li>
 *   <li><b>Orientation</b>: EXIF orientation 1–8 (mirrored ones too) from JPEG, PNG, WebP and
 *       HEIF is applied, so the result is upright; for HEIF an {@code irot}/{@code imir} transform
 *       reported by FFmpeg takes precedence over the Exif item. Unparsable metadata counts as 1.</li>
 *   <li><b>Colour</b>: alpha (straight) is composited over {@link #background()}; grayscale is
 *       copied to R = G = B; 16-bit samples keep their high byte (like Pillow's
 *       {@code convert("RGB")} for 16-bit RGB PNGs); CMYK/YCCK JPEGs are converted by TwelveMonkeys
 *       (through the embedded ICC profile, or its default CMYK conversion). Otherwise no colour
 *       management: embedded ICC profiles of RGB/gray JPEGs and PNGs are ignored, as Pillow's
 *       {@code convert("RGB")} ignores them, so stored values come out unchanged (ImageIO alone
 *       would convert an embedded JPEG profile to sRGB).</li>
 *   <li><b>Errors</b> are {@link MediaException}s with one line naming the file: "file not found",
 *       "is a directory, not a file", "file is empty (0 bytes)", "file is not readable (...)",
 *       "corrupt or truncated JPEG data: ...", and so on. A JPEG whose decoder reports missing or
 *       corrupt entropy-coded data (e.g. a truncated download) is refused rather than returned
 *       half grey; the benign "extraneous bytes before marker" warning is tolerated.</li>
 *   <li><b>Threads</b>: instances are immutable and may be shared; every call uses its own readers
 *       and native contexts.</li>
 * </ul>
 */
public final class ImageLoader {
    /** Default pixel limit: 100 megapixels (an RGB copy is then at most 300 MB). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Default background for transparent pixels: white. */
    public static final int DEFAULT_BACKGROUND = 0xFFFFFF;

    private static final ImageLoader DEFAULTS = new ImageLoader(DEFAULT_MAX_PIXELS, DEFAULT_BACKGROUND);

    private final long maxPixels;
    private final int background;

    private ImageLoader(long maxPixels, int background) {
        this.maxPixels = maxPixels;
        this.background = background;
    }

    /** Limit {@value #DEFAULT_MAX_PIXELS} pixels, white background. */
    public static ImageLoader defaults() {
        return DEFAULTS;
    }

    /** A loader refusing images with more than {@code maxPixels} pixels (must be positive). */
    public ImageLoader withMaxPixels(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        return new ImageLoader(maxPixels, background);
    }

    /** A loader compositing transparency over {@code rgb} (0xRRGGBB; higher bits ignored). */
    public ImageLoader withBackground(int rgb) {
        return new ImageLoader(maxPixels, rgb & 0xFFFFFF);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public int background() {
        return background;
    }

    /**
     * Format, stored size and orientation from the headers only (no pixel decoding; the pixel
     * limit is not applied here: compare {@link ImageInfo#pixels()} with {@link #maxPixels()}).
     */
    public ImageInfo probe(Path file) throws MediaException {
        ImageFormat format = detect(file);
        if (format == ImageFormat.HEIF) {
            HeifDecoder.Layout layout = HeifDecoder.probe(file);
            requirePositiveSize(file, format, layout.width(), layout.height());
            return new ImageInfo(format, layout.width(), layout.height(), heifOrientation(file, layout));
        }
        int[] size = ImageIoDecoder.size(file, format);
        requirePositiveSize(file, format, size[0], size[1]);
        return new ImageInfo(format, size[0], size[1], ExifOrientation.read(file, format));
    }

    /**
     * {@link #probe} that also refuses, with {@link #load}'s message, a picture over {@link #maxPixels()}:
     * for pricing a request before anything runs, so that a plan never accepts what the run will refuse.
     */
    public ImageInfo probeLoadable(Path file) throws MediaException {
        ImageInfo info = probe(file);
        checkSize(file, info.format(), info.storedWidth(), info.storedHeight());
        return info;
    }

    /** Decodes {@code file} into an upright RGB image; see the class comment for what is guaranteed. */
    public RgbImage load(Path file) throws MediaException {
        return load(file, CancelToken.NONE);
    }

    /**
     * {@link #load(Path)} that stops early on a cancel request: ImageIO formats (JPEG, PNG, ...) abort
     * mid-decode; HEIC is checked before and after its FFmpeg decode.
     *
     * @throws CancelledException when {@code cancel} is tripped
     */
    public RgbImage load(Path file, CancelToken cancel) throws MediaException {
        cancel.throwIfCancelled();
        ImageFormat format = detect(file);
        RgbImage stored;
        int orientation;
        if (format == ImageFormat.HEIF) {
            HeifDecoder.Decoded decoded = HeifDecoder.decode(file, (w, h) -> checkSize(file, format, w, h), maxPixels, background);
            cancel.throwIfCancelled();
            stored = decoded.stored();
            orientation = heifOrientation(file, decoded.layout());
        } else {
            BufferedImage image = ImageIoDecoder.decode(file, format, (w, h) -> checkSize(file, format, w, h), cancel);
            stored = Pixels.toRgb(image, background);
            orientation = ExifOrientation.read(file, format);
        }
        return ExifOrientation.apply(stored, orientation);
    }

    private static int heifOrientation(Path file, HeifDecoder.Layout layout) {
        return layout.orientationFromContainer() != 0
                ? layout.orientationFromContainer()
                : ExifOrientation.read(file, ImageFormat.HEIF);
    }

    /** A header declaring no pixels is corrupt: refused by probe and load alike, naming the format. */
    private static void requirePositiveSize(Path file, ImageFormat format, long width, long height) throws MediaException {
        if (width <= 0 || height <= 0) {
            throw new MediaException(file, "corrupt " + format.displayName() + " header: it declares a size of "
                    + width + "x" + height + " pixels");
        }
    }

    private void checkSize(Path file, ImageFormat format, long width, long height) throws MediaException {
        requirePositiveSize(file, format, width, height);
        if (width * height > maxPixels) {
            throw new MediaException(file, "image is " + Messages.size(width, height) + ", over the limit of "
                    + Messages.megapixels(maxPixels) + " MP");
        }
    }

    /** Checks that {@code file} is a readable, non-empty regular file and sniffs its format. */
    static ImageFormat detect(Path file) throws MediaException {
        InputFiles.requireReadableRegularFile(file);
        byte[] head = new byte[ImageFormat.HEADER_BYTES];
        int length;
        try {
            try (InputStream in = Files.newInputStream(file)) {
                length = in.readNBytes(head, 0, head.length);
            }
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found");
        } catch (AccessDeniedException e) {
            throw new MediaException(file, "file is not readable (permission denied)");
        } catch (IOException e) {
            throw new MediaException(file, "file is not readable (" + Messages.oneLine(e) + ")");
        }
        if (length == 0) {
            throw new MediaException(file, "file is empty (0 bytes)");
        }
        int n = length;
        return ImageFormat.detect(head, n).orElseThrow(() -> new MediaException(file,
                "unsupported image format (" + ImageFormat.describeUnsupported(head, n).orElse("not an image") + ")"));
    }
}
