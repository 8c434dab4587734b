package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.DecoderArchitecture.ConfigKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Llama-family decoder's shape and math constants, read from config.json with the keys of its
 * {@link DecoderArchitecture}. Keys Hugging Face defaults are taken at their default and listed in
 * {@link #assumptions()}; required keys missing, or values Glimpse cannot build, fail naming the key
 * and the file. Immutable.
 */
public record DecoderGeometry(int hidden, int intermediate, int layers, int heads, int kvHeads, int headDim, int vocab,
                              double normEps, Rope rope, int maxPositions, boolean tied, List<String> assumptions) {
    public DecoderGeometry {
        assumptions = List.copyOf(assumptions);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " attention heads do not split over " + kvHeads + " KV heads");
        }
    }

    /** Parameters of the decoder (embedding once, LM head again when untied). */
    public long parameters() {
        long attn = (long) hidden * headDim * (heads + 2L * kvHeads) + (long) heads * headDim * hidden;
        long mlp = 3L * hidden * intermediate;
        long perLayer = attn + mlp + 2L * hidden;
        return (long) vocab * hidden * (tied ? 1 : 2) + layers * perLayer + hidden;
    }

    /**
     * Reads the geometry from {@code config} (config.json, or its {@code text_config} object).
     *
     * @param file what to name in errors, e.g. {@code /path/config.json}
     */
    public static DecoderGeometry read(JsonNode config, ConfigKeys keys, Path file) throws CheckpointException {
        List<String> notes = new ArrayList<>();
        for (String flag : keys.biasFlags()) {
            if (config.path(flag).asBoolean(false)) {
                throw new CheckpointException(file, flag + " is true; the importer writes bias-free Linear layers only");
            }
        }
        JsonNode act = config.get("hidden_act") != null ? config.get("hidden_act") : config.get("activation_function");
        if (act != null && !act.isNull() && !act.asText().equals("silu")) {
            throw new CheckpointException(file, "activation " + act.asText() + " is not supported (only silu)");
        }
        int hidden = positive(config, keys.hidden(), file);
        int heads = positive(config, keys.heads(), file);
        int kvHeads;
        if (config.hasNonNull(keys.kvHeads())) {
            kvHeads = positive(config, keys.kvHeads(), file);
        } else {
            kvHeads = heads;
            notes.add(keys.kvHeads() + " absent: " + heads + " KV heads (no GQA), the transformers default");
        }
        int headDim;
        if (config.hasNonNull(keys.headDim())) {
            headDim = positive(config, keys.headDim(), file);
        } else {
            if (hidden % heads != 0) {
                throw new CheckpointException(file, "has no " + keys.headDim() + " and " + keys.hidden() + " " + hidden
                        + " is not a multiple of " + keys.heads() + " " + heads);
            }
            headDim = hidden / heads;
            notes.add(keys.headDim() + " absent: " + headDim + " = " + keys.hidden() + " / " + keys.heads());
        }
        if (headDim % 2 != 0) {
            throw new CheckpointException(file, keys.headDim() + " " + headDim + " is odd; rotary embeddings need an even head size");
        }
        if (heads % kvHeads != 0) {
            throw new CheckpointException(file, keys.heads() + " " + heads + " is not a multiple of " + keys.kvHeads() + " " + kvHeads);
        }
        double theta;
        if (config.hasNonNull(keys.ropeTheta())) {
            theta = number(config, keys.ropeTheta(), file);
        } else {
            theta = 10000.0;
            notes.add(keys.ropeTheta() + " absent: 10000, the transformers default");
        }
        boolean tied;
        if (config.hasNonNull(keys.tie())) {
            tied = config.get(keys.tie()).asBoolean();
        } else {
            tied = false;
            notes.add(keys.tie() + " absent: decided by whether the checkpoint has an LM head");
        }
        Rope rope = new Rope(theta, RopeScalingReader.read(config.get(keys.ropeScaling()), keys.ropeScaling(), file));
        return new DecoderGeometry(hidden, positive(config, keys.intermediate(), file), positive(config, keys.layers(), file),
                heads, kvHeads, headDim, positive(config, keys.vocab(), file), number(config, keys.normEps(), file), rope,
                positive(config, keys.maxPositions(), file), tied, notes);
    }

    /** The same geometry with the LM head tied or not (when config.json left it open). */
    public DecoderGeometry withTied(boolean isTied, String note) {
        List<String> notes = new ArrayList<>(assumptions);
        if (note != null) {
            notes.add(note);
        }
        return new DecoderGeometry(hidden, intermediate, layers, heads, kvHeads, headDim, vocab, normEps, rope, maxPositions,
                isTied, notes);
    }

    static int positive(JsonNode config, String key, Path file) throws CheckpointException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            throw new CheckpointException(file, "has no " + key + " (needed to build the decoder)");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw new CheckpointException(file, key + " must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    static double number(JsonNode config, String key, Path file) throws CheckpointException {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            throw new CheckpointException(file, "has no " + key + " (needed to build the decoder)");
        }
        if (!v.isNumber() || v.asDouble() <= 0) {
            throw new CheckpointException(file, key + " must be a positive number, got " + v);
        }
        return v.asDouble();
    }
}
