package io.glimpse.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/**
 * What every FFmpeg user in {@code media} shares: process-wide settings applied once, and FFmpeg
 * error codes in words. Internal to the media module (images and videos); thread-safe.
 */
public final class Ffmpeg {
    static {
        // Failures become one-line MediaExceptions; FFmpeg's own log would only be stderr noise.
        av_log_set_level(AV_LOG_QUIET);
    }

    private Ffmpeg() {
    }

    /** Loads the natives and applies the settings (idempotent; class initialisation makes it thread-safe). */
    public static void init() {
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    public static String errorText(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
    }
}
