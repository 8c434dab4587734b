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
                  duration    %.3f s
                  frames      %d (%s)
                  frame rate  %.3f fps average, %.3f fps nominal%s
                  size        %dx%d%s
                  codec       %s, %s, in %s
                  audio       %s""",
                file, v.durationSeconds(), v.frameCount(), v.frameCountExact() ? "exact" : "estimated",
                v.averageFps(), v.nominalFps(), v.variableFrameRate() ? " (variable)" : "",
                v.width(), v.height(),
                v.rotationDegrees() == 0 ? "" : String.format(Locale.ROOT, ", rotated %d° → shown %dx%d",
                        v.rotationDegrees(), v.displayWidth(), v.displayHeight()),
                v.codec(), v.pixelFormat(), v.container(), v.hasAudio() ? "yes" : "no");
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
}
