package io.glimpse.media.video;

import java.util.List;

/**
 * What a sampling run did. Immutable.
 *
 * @param video       the probed video
 * @param plan        the indices that were asked for
 * @param delivered   frames handed to the consumer
 * @param dropped     frames removed as near-duplicates (empty without dedupe)
 * @param undecodable planned indices no frame could be decoded for (a truncated file)
 * @param warnings    everything adjusted or missing, in words
 */
public record SamplingReport(VideoInfo video, SamplingPlan plan, int delivered, List<DroppedFrame> dropped,
                             List<Long> undecodable, List<String> warnings) {
    public SamplingReport {
        dropped = List.copyOf(dropped);
        undecodable = List.copyOf(undecodable);
        warnings = List.copyOf(warnings);
    }
}
