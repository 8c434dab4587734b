package io.glimpse.media.video;

/**
 * A frame that near-duplicate removal dropped.
 *
 * @param index       the dropped frame's index
 * @param ptsSeconds  its presentation time
 * @param keptIndex   the index of the kept frame it duplicates
 * @param difference  mean absolute difference to that frame (0..255 grey scale)
 */
public record DroppedFrame(long index, double ptsSeconds, long keptIndex, double difference) {
}
