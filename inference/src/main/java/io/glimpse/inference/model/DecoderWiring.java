package io.glimpse.inference.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names and shapes of a decoder graph's inputs and outputs: what to feed and what comes back.
 * Name patterns hold {@code %d} for the layer number. Immutable.
 *
 * @param file             the ONNX file, relative to the model folder
 * @param inputIds         token ids input ([batch, sequence])
 * @param attentionMask    attention mask input ([batch, past + sequence])
 * @param positionIds      position ids input ([batch, sequence]), or null when the graph has none
 * @param pastKey          past key pattern (SEPARATE), e.g. {@code past_key_values.%d.key}
 * @param pastValue        past value pattern (SEPARATE)
 * @param pastStacked      past pattern (STACKED), e.g. {@code past_%d}
 * @param logits           logits output ([batch, sequence, vocab])
 * @param presentKey       present key pattern (SEPARATE)
 * @param presentValue     present value pattern (SEPARATE)
 * @param presentStacked   present pattern (STACKED)
 * @param layout           how the cache is laid out
 * @param layers           number of layers (one cache entry each)
 * @param kvHeads          key/value heads
 * @param headSize         size of one head
 * @param kvDtype          declared cache dtype ({@code float32} or {@code float16}), or null to take the graph's
 * @param idDtype          declared id / mask / position dtype ({@code int64} or {@code int32}), or null to take the graph's
 * @param inputsEmbeds     embeddings input ([batch, sequence, hidden]) of a decoder that takes embeddings instead of
 *                         ids (vision-language models), or null; when set, {@code inputIds} is not fed
 */
public record DecoderWiring(String file, String inputIds, String attentionMask, String positionIds,
                            String pastKey, String pastValue, String pastStacked,
                            String logits, String presentKey, String presentValue, String presentStacked,
                            KvLayout layout, int layers, int kvHeads, int headSize, String kvDtype, String idDtype,
                            String inputsEmbeds) {

    /** A decoder that takes token ids. */
    public DecoderWiring(String file, String inputIds, String attentionMask, String positionIds,
                         String pastKey, String pastValue, String pastStacked,
                         String logits, String presentKey, String presentValue, String presentStacked,
                         KvLayout layout, int layers, int kvHeads, int headSize, String kvDtype, String idDtype) {
        this(file, inputIds, attentionMask, positionIds, pastKey, pastValue, pastStacked, logits, presentKey, presentValue,
                presentStacked, layout, layers, kvHeads, headSize, kvDtype, idDtype, null);
    }

    /** Whether the decoder takes embeddings ({@link #inputsEmbeds}) instead of token ids. */
    public boolean takesEmbeddings() {
        return inputsEmbeds != null;
    }

    /** The input names the graph must have (besides optional extras such as use_cache_branch). */
    public List<String> expectedInputs() {
        List<String> names = new ArrayList<>(List.of(takesEmbeddings() ? inputsEmbeds : inputIds, attentionMask));
        if (positionIds != null) {
            names.add(positionIds);
        }
        for (int i = 0; i < layers; i++) {
            if (layout == KvLayout.STACKED) {
                names.add(name(pastStacked, i));
            } else {
                names.add(name(pastKey, i));
                names.add(name(pastValue, i));
            }
        }
        return names;
    }

    /** The output names the graph must have. */
    public List<String> expectedOutputs() {
        List<String> names = new ArrayList<>(List.of(logits));
        for (int i = 0; i < layers; i++) {
            if (layout == KvLayout.STACKED) {
                names.add(name(presentStacked, i));
            } else {
                names.add(name(presentKey, i));
                names.add(name(presentValue, i));
            }
        }
        return names;
    }

    static String name(String pattern, int layer) {
        return String.format(Locale.ROOT, pattern, layer);
    }
}
