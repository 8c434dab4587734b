package io.glimpse.inference.model;

import io.glimpse.inference.vision.VisionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Glimpse needs to know about a language-model folder, read from its config files
 * ({@code glimpse.json}, {@code genai_config.json}, or optimum's {@code config.json}). Immutable.
 *
 * @param folder          the model folder
 * @param source          which config file described it: {@code glimpse.json}, {@code genai_config.json} or {@code config.json}
 * @param decoder         the decoder graph's wiring
 * @param vocabSize       width of the logits
 * @param contextLength   maximum tokens (prompt + output)
 * @param bosId           beginning-of-sequence id, or -1
 * @param padId           padding id, or -1
 * @param stopIds         ids that end generation (EOS and end-of-turn tokens)
 * @param stopStrings     texts that end generation (a turn marker the tokenizer splits, for example)
 * @param tokenizerFile   tokenizer file named by the config, or null to look for the usual names
 * @param chatTemplate    the built-in chat template's name, or null
 * @param sampling        default sampling settings from the config (HF names: temperature, top_k, top_p, ...)
 * @param notes           what was assumed or guessed while reading, for the user to see
 * @param vision          the vision wiring of a vision-language folder (glimpse.json {@code vision}), or null
 */
public record ModelSpec(Path folder, String source, DecoderWiring decoder, int vocabSize, int contextLength,
                        int bosId, int padId, Set<Integer> stopIds, List<String> stopStrings, String tokenizerFile,
                        String chatTemplate, Map<String, Object> sampling, List<String> notes, VisionSpec vision) {
    public ModelSpec {
        stopIds = Set.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
        sampling = Map.copyOf(sampling);
        notes = List.copyOf(notes);
    }

    /** A text-only model folder. */
    public ModelSpec(Path folder, String source, DecoderWiring decoder, int vocabSize, int contextLength,
                     int bosId, int padId, Set<Integer> stopIds, List<String> stopStrings, String tokenizerFile,
                     String chatTemplate, Map<String, Object> sampling, List<String> notes) {
        this(folder, source, decoder, vocabSize, contextLength, bosId, padId, stopIds, stopStrings, tokenizerFile,
                chatTemplate, sampling, notes, null);
    }
}
