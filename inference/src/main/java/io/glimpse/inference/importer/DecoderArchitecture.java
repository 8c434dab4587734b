package io.glimpse.inference.importer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one Hugging Face decoder architecture names its weights and config keys: data, not code, so
 * {@code glimpse import --list} can print it and a new Llama-like family is one more entry in
 * {@link DecoderArchitectures}. Immutable and thread-safe.
 *
 * @param name          the {@code architectures[0]} value of config.json, e.g. {@code LlamaForCausalLM}
 * @param maps          one line on what it maps, for the list
 * @param notes         what the user should know (refusals, defaults)
 * @param embed         the token embedding, relative to the prefix
 * @param layer         per role, the layer tensor with {@code %d} for the layer number
 * @param finalNorm     the final RMSNorm
 * @param lmHead        the untied LM head (absent when the embeddings are tied)
 * @param keys          the config.json keys of the geometry
 * @param tiedByDefault what {@code tie_word_embeddings} means when config.json does not say
 * @param chatTemplate  the built-in chat template of the family, used when the checkpoint has no Jinja template; or null
 */
public record DecoderArchitecture(String name, String maps, String notes, String embed, Map<LayerTensor, String> layer,
                                  String finalNorm, String lmHead, ConfigKeys keys, boolean tiedByDefault,
                                  String chatTemplate) {
    public DecoderArchitecture {
        layer = Map.copyOf(new EnumMap<>(layer));
        if (layer.size() != LayerTensor.values().length) {
            throw new IllegalArgumentException(name + " maps " + layer.size() + " of " + LayerTensor.values().length + " layer tensors");
        }
    }

    /**
     * The config.json keys a family uses for the geometry (Llama's names differ from EXAONE's).
     * A null key means the family has none; its default applies.
     */
    public record ConfigKeys(String hidden, String intermediate, String layers, String heads, String kvHeads,
                             String headDim, String vocab, String normEps, String ropeTheta, String ropeScaling,
                             String maxPositions, String tie, List<String> biasFlags) {
        public ConfigKeys {
            biasFlags = List.copyOf(biasFlags);
        }
    }

    /** Checkpoint tensor names for a model stored under {@code prefix} (empty, or e.g. {@code language_model.}). */
    public TensorNames names(String prefix) {
        return new TensorNames(this, prefix == null ? "" : prefix);
    }

    /** The tensor names of one architecture under one prefix. Immutable. */
    public record TensorNames(DecoderArchitecture arch, String prefix) {
        public String embed() {
            return prefix + arch.embed;
        }

        public String layer(int index, LayerTensor t) {
            return prefix + String.format(arch.layer.get(t), index);
        }

        public String finalNorm() {
            return prefix + arch.finalNorm;
        }

        public String lmHead() {
            return prefix + arch.lmHead;
        }
    }
}
