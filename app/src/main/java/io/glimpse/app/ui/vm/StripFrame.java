package io.glimpse.app.ui.vm;

import io.glimpse.media.RgbImage;

/**
 * One planned frame of the strip. Immutable.
 *
 * @param index      the frame index in the video
 * @param seconds    its time
 * @param thumbnail  its picture once decoded, else null
 * @param duplicateOf the kept frame it duplicates when dedupe removed it (it will not be sent), else -1
 */
public record StripFrame(long index, double seconds, RgbImage thumbnail, long duplicateOf) {
    public boolean dropped() {
        return duplicateOf >= 0;
    }

    public boolean decoded() {
        return thumbnail != null || dropped();
    }

    public String label() {
        return String.format(java.util.Locale.ROOT, "#%d  %s", index, clock(seconds));
    }

    /** m:ss.mmm */
    public static String clock(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(java.util.Locale.ROOT, "%d:%02d.%03d", ms / 60000, (ms / 1000) % 60, ms % 1000);
    }
}
