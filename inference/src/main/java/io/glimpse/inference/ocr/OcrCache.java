package io.glimpse.inference.ocr;

import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OCR results by the SHA-256 of the image file's bytes (and the models and classifier setting that read
 * it), so the same picture is read once per process however it is named or re-added. Thread-safe; a read
 * that was cancelled or failed leaves nothing behind.
 */
public final class OcrCache {
    private static final OcrCache SHARED = new OcrCache();

    private final Map<String, OcrResult> results = new ConcurrentHashMap<>();

    /** The process's cache. */
    public static OcrCache shared() {
        return SHARED;
    }

    /** How an image is read when it is not in the cache. */
    @FunctionalInterface
    public interface Reader {
        OcrResult read(Path file, CancelToken cancel) throws Exception;
    }

    /**
     * The cached result for {@code file}'s bytes, or {@code reader}'s, which is then kept. Two threads asking
     * for the same new picture at once may both read it (the second result replaces an equal first).
     */
    public OcrResult get(Path file, String modelsKey, Reader reader, CancelToken cancel) throws Exception {
        String key = sha256(file) + "|" + modelsKey;
        OcrResult hit = results.get(key);
        if (hit != null) {
            return hit;
        }
        OcrResult r = reader.read(file, cancel);
        results.put(key, r);
        return r;
    }

    public int size() {
        return results.size();
    }

    /** The SHA-256 of a file's bytes, hexadecimal. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
