package io.glimpse.media.image;

import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import io.glimpse.media.MediaException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes JPEG, PNG, BMP, GIF and WebP with ImageIO (TwelveMonkeys readers first where
 * installed: they read CMYK/YCCK JPEGs and WebP).
 *
 * <p>The size comes from the reader's header parse ({@code getWidth/getHeight}); pixels are
 * decoded only after the caller's size check accepted it. For JPEG, a reader warning that reports
 * missing or corrupt entropy-coded data ("Premature end of JPEG file", "Corrupt JPEG data: ...")
 * makes the load fail instead of returning the grey-filled partial picture ImageIO would give;
 * the harmless "extraneous bytes before marker" warning is tolerated.
 *
 * <p>An embedded ICC profile in an RGB or grayscale JPEG is ignored (see {@link JpegIccStripper}),
 * as Pillow ignores it; PNG's iCCP is already ignored by the JDK reader.
 */
final class ImageIoDecoder {
    private ImageIoDecoder() {
    }

    /** Stored width and height from the header, without decoding pixels. */
    static int[] size(Path file, ImageFormat format) throws MediaException {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(file, format);
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new MediaException(file, "corrupt " + format.displayName() + " header: " + Messages.oneLine(e));
        }
    }

    /**
     * Decodes the first image (the first frame of a GIF). {@code sizeCheck} receives width and
     * height read from the header and throws to refuse before any pixel buffer is allocated. A
     * cancel request aborts the reader at its next progress report (a few rows of a large JPEG),
     * so a 12 MP picture stops within milliseconds instead of after its whole decode.
     *
     * @throws CancelledException when {@code cancel} was tripped during the decode
     */
    static BufferedImage decode(Path file, ImageFormat format, SizeCheck sizeCheck, CancelToken cancel) throws MediaException {
        List<String> warnings = new ArrayList<>();
        BufferedImage image;
        try (InputStream stripped = format == ImageFormat.JPEG ? JpegIccStripper.withoutIccProfile(file).orElse(null) : null;
             ImageInputStream in = stripped != null ? new MemoryCacheImageInputStream(stripped)
                     : new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(file, format);
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new MediaException(file, "corrupt " + format.displayName() + " header: " + Messages.oneLine(e));
                }
                sizeCheck.check(width, height);
                reader.addIIOReadWarningListener(collector(warnings));
                reader.addIIOReadProgressListener(aborter(reader, cancel));
                ImageReadParam param = reader.getDefaultReadParam();
                if (format == ImageFormat.JPEG || format == ImageFormat.PNG) {
                    // 8-bit RGB lands straight in RgbImage's layout (Pixels.toRgb then wraps it), so a
                    // 100 MP picture is not held twice. Only the JDK's JPEG and PNG readers (TwelveMonkeys'
                    // JPEG reader delegates to the JDK's for RGB) are known to write through the raster
                    // rather than into the buffer layout they would have chosen; the raw type must be RGB
                    // too, so a CMYK JPEG keeps its own conversion path.
                    ImageTypeSpecifier raw = reader.getRawImageType(0);
                    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                    if (raw != null && Pixels.isRgb8(raw) && types.hasNext() && Pixels.isRgb8(types.next())) {
                        param.setDestination(Pixels.rgbDestination(width, height));
                    }
                }
                image = reader.read(0, param);
                cancel.throwIfCancelled(); // an aborted read returns what it had decoded so far
            } finally {
                reader.dispose();
            }
        } catch (MediaException | CancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MediaException(file, "corrupt or truncated " + format.displayName() + " data: " + Messages.oneLine(e));
        }
        if (format == ImageFormat.JPEG) {
            for (String warning : warnings) {
                if (isDataCorruption(warning)) {
                    throw new MediaException(file, "corrupt or truncated JPEG data: " + Messages.oneLine(warning));
                }
            }
        }
        if (image == null) {
            throw new MediaException(file, "corrupt " + format.displayName() + " data: the decoder returned no image");
        }
        return image;
    }

    /** Throws to refuse a picture of the given stored size. */
    @FunctionalInterface
    interface SizeCheck {
        void check(int width, int height) throws MediaException;
    }

    static boolean isDataCorruption(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("extraneous bytes before marker")) {
            return false;
        }
        return w.contains("premature end") || w.contains("corrupt jpeg data") || w.contains("truncated");
    }

    /** Aborts {@code reader} at a progress report once {@code cancel} is tripped. */
    private static IIOReadProgressListener aborter(ImageReader reader, CancelToken cancel) {
        return new IIOReadProgressListener() {
            @Override
            public void imageProgress(ImageReader source, float percentageDone) {
                if (cancel.isCancelled()) {
                    reader.abort();
                }
            }

            @Override
            public void sequenceStarted(ImageReader source, int minIndex) {
            }

            @Override
            public void sequenceComplete(ImageReader source) {
            }

            @Override
            public void imageStarted(ImageReader source, int imageIndex) {
            }

            @Override
            public void imageComplete(ImageReader source) {
            }

            @Override
            public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
            }

            @Override
            public void thumbnailProgress(ImageReader source, float percentageDone) {
            }

            @Override
            public void thumbnailComplete(ImageReader source) {
            }

            @Override
            public void readAborted(ImageReader source) {
            }
        };
    }

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning == null ? "unknown warning" : warning);
    }

    private static ImageReader reader(Path file, ImageFormat format) throws IIOException {
        ImageReader fallback = null;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback == null) {
            throw new IIOException("no ImageIO reader for " + format.displayName() + " is installed");
        }
        return fallback;
    }
}
