package io.glimpse.app.cli;

import io.glimpse.media.video.VideoInfo;
import java.nio.file.Path;
import java.util.Locale;

/** Human-readable output of the command line. */
final class Text {
    private Text() {
    }

    static String describe(Path file, VideoInfo v) {
        return String.format(Locale.ROOT, """
                %s
                  duration    %.3f s%s
                  frames      %d (%s)
                  frame rate  %.3f fps average, %.3f fps nominal%s
                  size        %dx%d%s
                  codec       %s, %s, in %s
                  audio       %s""",
                file, v.durationSeconds(), durationNote(v), v.frameCount(), v.frameCountExact() ? "exact" : "estimated",
                v.averageFps(), v.nominalFps(), v.variableFrameRate() ? " (variable)" : "",
                v.width(), v.height(),
                v.rotationDegrees() == 0 ? "" : String.format(Locale.ROOT, ", rotated %d° → shown %dx%d",
                        v.rotationDegrees(), v.displayWidth(), v.displayHeight()),
                v.codec(), v.pixelFormat(), v.container(), v.hasAudio() ? "yes" : "no");
    }

    /** Where the duration came from, when it is not the video stream's own header. */
    private static String durationNote(VideoInfo v) {
        return switch (v.durationSource()) {
            case STREAM -> "";
            case CONTAINER -> " (the container's length; the video's own is unknown)";
            case PACKETS -> " (measured from the packets)";
            case PACKETS_PARTIAL -> " (at least: measured from the packets, scan stopped before the end)";
            case STREAM_RESCALED -> " (the header's; the timestamps contradicted it and were rescaled)";
        };
    }

    static String describe(Path file, io.glimpse.media.image.ImageInfo i) {
        return String.format(Locale.ROOT, """
                %s
                  format       %s
                  size         %dx%d (%.1f MP)%s""",
                file, i.formatName(), i.uprightWidth(), i.uprightHeight(), i.pixels() / 1e6,
                i.orientation() == 1 ? "" : String.format(Locale.ROOT, ", stored %dx%d, EXIF orientation %d",
                        i.storedWidth(), i.storedHeight(), i.orientation()));
    }

    /** A number as typed: 30 rather than 30.0, 29.97 as it is. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** A file size in the unit that keeps it short: 812 B, 45.3 KB, 1.2 MB (powers of 1000). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        return n < 1_000_000 ? String.format(Locale.ROOT, "%.1f KB", n / 1e3)
                : n < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", n / 1e6) : String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }
}
