package io.glimpse.media.video;

import io.glimpse.media.RgbImage;

/**
 * One sampled video frame, upright (display rotation applied). Immutable.
 *
 * @param index      frame index (frame presented at {@code index / averageFps} s; exact for
 *                   constant frame rate, derived from the time for variable frame rate)
 * @param ptsSeconds presentation time in seconds from the first frame, as stored in the file
 * @param image      the picture, upright
 */
public record SampledFrame(long index, double ptsSeconds, RgbImage image) {
}
