package io.glimpse.app.cli;

import io.glimpse.inference.sampling.SamplingParams;
import java.util.Map;
import picocli.CommandLine.Option;

/** The sampling options shared by {@code generate} and {@code ask} (a picocli mixin). */
final class SamplingOptions {
    @Option(names = "--temperature", paramLabel = "T")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "K")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P")
    Double topP;

    @Option(names = "--min-p", paramLabel = "P")
    Double minP;

    @Option(names = "--repetition-penalty", paramLabel = "R")
    Double repetitionPenalty;

    @Option(names = "--seed", paramLabel = "S", description = "makes sampling reproducible")
    Long seed;

    @Option(names = "--greedy", description = "always take the most likely token")
    boolean greedy;

    /** Config defaults (Hugging Face names), then the command-line options on top; bad values fail here. */
    SamplingParams sampling(Map<String, Object> config) {
        SamplingParams p = SamplingParams.defaults();
        if (config.get("do_sample") instanceof Boolean b) {
            p = p.withDoSample(b);
        }
        if (config.get("temperature") instanceof Number n) {
            p = p.withTemperature(n.doubleValue());
        }
        if (config.get("top_k") instanceof Number n) {
            p = p.withTopK(n.intValue());
        }
        if (config.get("top_p") instanceof Number n) {
            p = p.withTopP(n.doubleValue());
        }
        if (config.get("min_p") instanceof Number n) {
            p = p.withMinP(n.doubleValue());
        }
        if (config.get("repetition_penalty") instanceof Number n) {
            p = p.withRepetitionPenalty(n.doubleValue());
        }
        if (temperature != null) {
            p = p.withTemperature(temperature).withDoSample(true);
        }
        if (topK != null) {
            p = p.withTopK(topK);
        }
        if (topP != null) {
            p = p.withTopP(topP);
        }
        if (minP != null) {
            p = p.withMinP(minP);
        }
        if (repetitionPenalty != null) {
            p = p.withRepetitionPenalty(repetitionPenalty);
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        if (greedy) {
            p = p.withDoSample(false);
        }
        return p;
    }
}
