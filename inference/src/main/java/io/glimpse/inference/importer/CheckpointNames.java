package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.TensorTable.Spec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensor names and shapes a Hugging Face checkpoint of a supported architecture has, from its
 * config.json alone: Llama ({@code model.*}), EXAONE ({@code transformer.*}) and HyperCLOVAX-SEED-Vision
 * (SigLIP {@code vision_model.vision_model.*}, C-Abstractor {@code mm_projector.*}, {@code image_newline},
 * Llama {@code language_model.*}). The names are data (the tables below); this class only reads the
 * geometry they refer to. Stateless.
 */
final class CheckpointNames {
    static final String LLAMA = """
            model.embed_tokens.weight                                vocab hidden
            model.layers.{i<layers}.input_layernorm.weight           hidden norm
            model.layers.{i<layers}.self_attn.q_proj.weight          q hidden
            model.layers.{i<layers}.self_attn.{k,v}_proj.weight      kv hidden
            model.layers.{i<layers}.self_attn.o_proj.weight          hidden q
            model.layers.{i<layers}.self_attn.q_proj.bias            q       if attention_bias
            model.layers.{i<layers}.self_attn.{k,v}_proj.bias        kv      if attention_bias
            model.layers.{i<layers}.self_attn.o_proj.bias            hidden  if attention_bias
            model.layers.{i<layers}.post_attention_layernorm.weight  hidden norm
            model.layers.{i<layers}.mlp.{gate,up}_proj.weight        intermediate hidden
            model.layers.{i<layers}.mlp.down_proj.weight             hidden intermediate
            model.layers.{i<layers}.mlp.{gate,up}_proj.bias          intermediate  if mlp_bias
            model.layers.{i<layers}.mlp.down_proj.bias               hidden        if mlp_bias
            model.norm.weight                                        hidden norm
            lm_head.weight                                           vocab hidden  if untied
            """;

    static final String EXAONE = """
            transformer.wte.weight                                     vocab hidden
            transformer.h.{i<layers}.ln_1.weight                       hidden norm
            transformer.h.{i<layers}.attn.attention.q_proj.weight      q hidden
            transformer.h.{i<layers}.attn.attention.{k,v}_proj.weight  kv hidden
            transformer.h.{i<layers}.attn.attention.out_proj.weight    hidden q
            transformer.h.{i<layers}.ln_2.weight                       hidden norm
            transformer.h.{i<layers}.mlp.{c_fc_0,c_fc_1}.weight        intermediate hidden
            transformer.h.{i<layers}.mlp.c_proj.weight                 hidden intermediate
            transformer.ln_f.weight                                    hidden norm
            lm_head.weight                                             vocab hidden  if untied
            """;

    /** SigLIP under {@code vision_model.vision_model.}; the pooling head only with vision_use_head. */
    static final String SIGLIP = """
            embeddings.patch_embedding.weight                            c channels patch patch
            embeddings.patch_embedding.bias                              c
            embeddings.position_embedding.weight                         positions c
            encoder.layers.{i<layers}.self_attn.{q,k,v,out}_proj.weight  c c
            encoder.layers.{i<layers}.self_attn.{q,k,v,out}_proj.bias    c
            encoder.layers.{i<layers}.layer_norm{1,2}.weight             c norm
            encoder.layers.{i<layers}.layer_norm{1,2}.bias               c
            encoder.layers.{i<layers}.mlp.fc1.weight                     intermediate c
            encoder.layers.{i<layers}.mlp.fc1.bias                       intermediate
            encoder.layers.{i<layers}.mlp.fc2.weight                     c intermediate
            encoder.layers.{i<layers}.mlp.fc2.bias                       c
            post_layernorm.weight                                        c norm
            post_layernorm.bias                                          c
            head.probe                                                   1 1 c           if head
            head.attention.in_proj_weight                                c3 c            if head
            head.attention.in_proj_bias                                  c3              if head
            head.attention.out_proj.weight                               c c             if head
            head.attention.out_proj.bias                                 c               if head
            head.layernorm.weight                                        c norm          if head
            head.layernorm.bias                                          c               if head
            head.mlp.fc1.weight                                          intermediate c  if head
            head.mlp.fc1.bias                                            intermediate    if head
            head.mlp.fc2.weight                                          c intermediate  if head
            head.mlp.fc2.bias                                            c               if head
            """;

    /**
     * HCX's C-Abstractor: two RegStages of three timm Bottleneck blocks (the depth is fixed in HCX's
     * code, not in config.json), width c = the vision width, readout c → d → d (d = text width).
     */
    static final String C_ABSTRACTOR = """
            mm_projector.prenorm.weight                        c norm  if prenorm
            mm_projector.prenorm.bias                          c       if prenorm
            mm_projector.pos_emb                               1 positions c  if pos_emb
            mm_projector.net.{0,2}.b{1,2,3}.conv{1,3}.conv.weight   c c 1 1
            mm_projector.net.{0,2}.b{1,2,3}.conv2.conv.weight       c 1 3 3
            mm_projector.net.{0,2}.b{1,2,3}.conv{1,2,3}.bn.weight   c norm
            mm_projector.net.{0,2}.b{1,2,3}.conv{1,2,3}.bn.bias     c
            mm_projector.net.{0,2}.b{1,2,3}.se.fc1.weight           se c 1 1
            mm_projector.net.{0,2}.b{1,2,3}.se.fc1.bias             se
            mm_projector.net.{0,2}.b{1,2,3}.se.fc2.weight           c se 1 1
            mm_projector.net.{0,2}.b{1,2,3}.se.fc2.bias             c
            mm_projector.readout.0.weight                      d c
            mm_projector.readout.0.bias                        d
            mm_projector.readout.2.weight                      d d
            mm_projector.readout.2.bias                        d
            image_newline                                      d  if anyres
            """;

    private CheckpointNames() {
    }

    /** Every tensor name of the checkpoint config.json describes, with its shape. */
    static Map<String, Spec> of(JsonNode config, Path origin) throws CheckpointException {
        Config c = new Config(config, origin);
        String arch = config.path("architectures").path(0).asText(config.path("model_type").asText(""));
        return switch (arch) {
            case "LlamaForCausalLM", "llama" -> llama(c, "", false);
            case "ExaoneForCausalLM", "exaone" -> exaone(c);
            case "HCXVisionForCausalLM", "hyperclovax_vlm" -> hcxVision(c, config);
            default -> throw new CheckpointException(origin, "architecture '" + arch
                    + "' is not supported (supported: LlamaForCausalLM, ExaoneForCausalLM, HCXVisionForCausalLM)");
        };
    }

    private static Map<String, Spec> llama(Config c, String prefix, boolean tiedByDefault) throws CheckpointException {
        Map<String, Long> dims = textDims(c, c.count("num_hidden_layers"));
        Map<String, Boolean> flags = Map.of("untied", !c.flag("tie_word_embeddings", tiedByDefault),
                "attention_bias", c.flag("attention_bias", false), "mlp_bias", c.flag("mlp_bias", false));
        return TensorTable.expand(LLAMA, prefix, dims, flags);
    }

    private static Map<String, Spec> exaone(Config c) throws CheckpointException {
        long layers = c.has("num_layers") ? c.count("num_layers") : c.count("num_hidden_layers");
        // ExaoneConfig ties the embeddings unless told otherwise
        return TensorTable.expand(EXAONE, "", textDims(c, layers), Map.of("untied", !c.flag("tie_word_embeddings", true)));
    }

    private static Map<String, Spec> hcxVision(Config root, JsonNode config) throws CheckpointException {
        Config text = root.child("text_config");
        Config vision = root.child("vision_config");
        long c = vision.count("hidden_size");
        long patch = vision.count("patch_size");
        long side = vision.count("image_size") / patch;
        Map<String, Long> v = Map.of("c", c, "c3", 3 * c, "intermediate", vision.count("intermediate_size"),
                "layers", vision.count("num_hidden_layers"), "channels", vision.has("num_channels") ? vision.count("num_channels") : 3,
                "patch", patch, "positions", side * side);
        String projector = config.path("mm_projector_type").asText("cabstractor");
        if (!projector.equals("cabstractor")) {
            throw new CheckpointException(root.origin, "mm_projector_type '" + projector + "' is not supported (only cabstractor)");
        }
        Map<String, Long> p = new HashMap<>(v);
        p.put("d", text.count("hidden_size"));
        p.put("se", Math.round(Math.rint(c * 0.25))); // timm: int(round(in_chs * 0.25)), Python rounds half to even
        Map<String, Spec> out = new LinkedHashMap<>();
        out.putAll(TensorTable.expand(SIGLIP, "vision_model.vision_model.", v, Map.of("head", vision.flag("vision_use_head", true))));
        out.putAll(TensorTable.expand(C_ABSTRACTOR, "", p, Map.of("prenorm", root.flag("proj_prenorm", false),
                "pos_emb", root.flag("proj_pos_emb", true), "anyres", root.flag("anyres", false))));
        out.putAll(llama(text, "language_model.", false));
        return out;
    }

    private static Map<String, Long> textDims(Config c, long layers) throws CheckpointException {
        long hidden = c.count("hidden_size");
        long heads = c.count("num_attention_heads");
        long kvHeads = c.has("num_key_value_heads") ? c.count("num_key_value_heads") : heads;
        long headDim = c.has("head_dim") ? c.count("head_dim") : hidden / heads;
        long intermediate = c.has("intermediate_size") ? c.count("intermediate_size") : 4 * hidden;
        return Map.of("vocab", c.count("vocab_size"), "hidden", hidden, "layers", layers, "intermediate", intermediate,
                "q", heads * headDim, "kv", kvHeads * headDim);
    }

    /** Reads config values, failing with the key's name. */
    private record Config(JsonNode json, Path origin, String path) {
        Config(JsonNode json, Path origin) {
            this(json, origin, "");
        }

        boolean has(String key) {
            return json.hasNonNull(key);
        }

        long count(String key) throws CheckpointException {
            JsonNode n = json.get(key);
            if (n == null || !n.canConvertToLong() || n.asLong() <= 0) {
                throw new CheckpointException(origin, "config.json " + (n == null ? "has no " : "has a bad ") + path + key
                        + (n == null ? "" : " (" + n + ")"));
            }
            return n.asLong();
        }

        boolean flag(String key, boolean otherwise) {
            JsonNode n = json.get(key);
            return n == null || n.isNull() ? otherwise : n.asBoolean();
        }

        Config child(String key) throws CheckpointException {
            JsonNode n = json.get(key);
            if (n == null || !n.isObject()) {
                throw new CheckpointException(origin, "config.json has no " + path + key + " object");
            }
            return new Config(n, origin, path + key + ".");
        }
    }
}
