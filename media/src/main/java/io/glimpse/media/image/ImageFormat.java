package io.glimpse.media.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The still-image formats {@link ImageLoader} decodes, recognised by their leading bytes
 * ("magic numbers"), never by the file name's extension.
 *
 * <p>{@link #detect(byte[], int)} returns the format; for anything else
 * {@link #describeUnsupported(byte[], int)} names what the bytes look like (TIFF, AVIF, PDF, ...) so
 * the user gets a useful message. Both only look at the first {@link #HEADER_BYTES} bytes.
 */
public enum ImageFormat {
    JPEG("JPEG", "jpeg"),
    PNG("PNG", "png"),
    BMP("BMP", "bmp"),
    GIF("GIF", "gif"),
    WEBP("WebP", "webp"),
    /** HEIC/HEIF still image (ISO-BMFF {@code ftyp} with a HEIF brand); decoded through FFmpeg. */
    HEIF("HEIF", null);

    /** How many leading bytes detection needs at most (enough for a long {@code ftyp} box). */
    public static final int HEADER_BYTES = 256;

    private final String displayName;
    private final String imageIoName;

    ImageFormat(String displayName, String imageIoName) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
    }

    /** Name shown to users and returned by {@link ImageInfo#formatName()}: "JPEG", "PNG", "HEIF", ... */
    public String displayName() {
        return displayName;
    }

    /** The ImageIO format name of its reader, or null when the format is decoded through FFmpeg. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format of a file starting with {@code head[0..length)}, or empty if it is not one we decode. */
    public static Optional<ImageFormat> detect(byte[] head, int length) {
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (isBmp(head, length)) {
            return Optional.of(BMP);
        }
        if ("HEIF".equals(isoBmffKind(head, length))) {
            return Optional.of(HEIF);
        }
        return Optional.empty();
    }

    /**
     * For bytes {@link #detect} rejects: a short name of what they look like ("TIFF", "AVIF",
     * "PDF", ...), or empty when they resemble no format we know.
     */
    public static Optional<String> describeUnsupported(byte[] head, int length) {
        String kind = isoBmffKind(head, length);
        if (kind != null && !"HEIF".equals(kind)) {
            return Optional.of(kind);
        }
        if (ascii(head, length, 0, "II*\0") || ascii(head, length, 0, "MM\0*")) {
            return Optional.of("TIFF");
        }
        if (ascii(head, length, 0, "II+\0") || ascii(head, length, 0, "MM\0+")) {
            return Optional.of("BigTIFF");
        }
        if (ascii(head, length, 0, "%PDF")) {
            return Optional.of("PDF");
        }
        if (ascii(head, length, 0, "8BPS")) {
            return Optional.of("Photoshop PSD");
        }
        if (startsWith(head, length, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ')) {
            return Optional.of("JPEG 2000");
        }
        if (startsWith(head, length, 0, 0xFF, 0x0A) || startsWith(head, length, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            return Optional.of("JPEG XL");
        }
        if (startsWith(head, length, 0, 0, 0, 1, 0) || startsWith(head, length, 0, 0, 0, 2, 0)) {
            return Optional.of("ICO/CUR icon");
        }
        if (ascii(head, length, 0, "qoif")) {
            return Optional.of("QOI");
        }
        if (startsWith(head, length, 0, 0x76, 0x2F, 0x31, 0x01)) {
            return Optional.of("OpenEXR");
        }
        if (ascii(head, length, 0, "RIFF")) {
            return Optional.of(ascii(head, length, 8, "AVI ") ? "AVI video" : ascii(head, length, 8, "WAVE") ? "WAV audio" : "RIFF");
        }
        if (startsWith(head, length, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of("Matroska/WebM video");
        }
        if (ascii(head, length, 0, "PK\3\4")) {
            return Optional.of("ZIP archive");
        }
        String text = new String(head, 0, Math.min(length, 100), StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.contains("<svg"))) {
            return Optional.of("SVG");
        }
        return Optional.empty();
    }

    /**
     * For an ISO-BMFF file ({@code ftyp} box first): "HEIF", "AVIF", "MP4/QuickTime video", or null
     * if it is not ISO-BMFF at all. AVIF also lists {@code mif1}, so AVIF brands win over it.
     */
    private static String isoBmffKind(byte[] head, int length) {
        if (length < 16 || !ascii(head, length, 4, "ftyp")) {
            return null;
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(Math.max(boxSize, 16), length);
        boolean heicBrand = false;
        boolean heifBrand = false;
        boolean avifBrand = false;
        for (int at = 8; at + 4 <= end; at += 4) {
            if (at == 12) {
                continue; // minor version, not a brand
            }
            String brand = new String(head, at, 4, StandardCharsets.ISO_8859_1);
            switch (brand) {
                case "heic", "heix", "heim", "heis", "hevc", "hevx" -> heicBrand = true;
                case "mif1", "msf1", "heif", "mif2" -> heifBrand = true;
                case "avif", "avis" -> avifBrand = true;
                default -> { }
            }
        }
        if (heicBrand) {
            return "HEIF";
        }
        if (avifBrand) {
            return "AVIF";
        }
        return heifBrand ? "HEIF" : "MP4/QuickTime video";
    }

    private static boolean isBmp(byte[] head, int length) {
        if (length < 18 || !ascii(head, length, 0, "BM")) {
            return false;
        }
        int dibHeaderSize = (head[14] & 0xFF) | (head[15] & 0xFF) << 8 | (head[16] & 0xFF) << 16 | (head[17] & 0xFF) << 24;
        return switch (dibHeaderSize) {
            case 12, 16, 40, 52, 56, 64, 108, 124 -> true;
            default -> false;
        };
    }

    private static boolean startsWith(byte[] head, int length, int at, int... expected) {
        if (at + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int length, int at, String expected) {
        int[] bytes = new int[expected.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = expected.charAt(i);
        }
        return startsWith(head, length, at, bytes);
    }
}
