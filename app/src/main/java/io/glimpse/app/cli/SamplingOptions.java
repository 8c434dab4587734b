package io.glimpse.app.cli;

import io.glimpse.inference.sampling.SamplingParams;
import java.util.Map;
import picocli.CommandLine.Option;

/** The sampling options shared by {@code generate} and {@code ask} (a picocli mixin). */
final class SamplingOptions {
    @Option(names = "--temperature", paramLabel = "T", description = "divide the logits by T before sampling "
            + "(Hugging Face temperature): below 1 sharper, above 1 more random; implies sampling "
            + "(default: the model's generation_config.json, else 1.0)")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "sample only among the K most likely tokens; 0 keeps all "
            + "(Hugging Face top_k; default: the model's, else 50)")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "sample only among the most likely tokens whose "
            + "probabilities add up to P, in (0, 1]; 1 keeps all (Hugging Face top_p, nucleus sampling; default: the model's, else 1.0)")
    Double topP;

    @Option(names = "--min-p", paramLabel = "P", description = "drop tokens less likely than P times the most likely "
            + "one; 0 keeps all (Hugging Face min_p; default: the model's, else 0)")
    Double minP;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "make tokens already in the prompt or the "
            + "answer less likely by R (Hugging Face repetition_penalty; 1 = off; default: the model's, else 1.0)")
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
