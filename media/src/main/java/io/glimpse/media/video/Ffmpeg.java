package io.glimpse.media.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/** Process-wide FFmpeg settings, applied once before any FFmpeg call of this package. */
final class Ffmpeg {
    static {
        // Failures become one-line MediaExceptions; FFmpeg's own log would only be stderr noise.
        av_log_set_level(AV_LOG_QUIET);
    }

    private Ffmpeg() {
    }

    /** Loads the natives and applies the settings (idempotent, thread-safe via class init). */
    static void init() {
    }
}
