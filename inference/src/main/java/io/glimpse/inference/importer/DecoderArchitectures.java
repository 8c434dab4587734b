package io.glimpse.inference.importer;

import static io.glimpse.inference.importer.LayerTensor.DOWN_PROJ;
import static io.glimpse.inference.importer.LayerTensor.GATE_PROJ;
import static io.glimpse.inference.importer.LayerTensor.INPUT_NORM;
import static io.glimpse.inference.importer.LayerTensor.K_PROJ;
import static io.glimpse.inference.importer.LayerTensor.O_PROJ;
import static io.glimpse.inference.importer.LayerTensor.POST_ATTENTION_NORM;
import static io.glimpse.inference.importer.LayerTensor.Q_PROJ;
import static io.glimpse.inference.importer.LayerTensor.UP_PROJ;
import static io.glimpse.inference.importer.LayerTensor.V_PROJ;

import io.glimpse.inference.importer.DecoderArchitecture.ConfigKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The decoder architectures the importer knows (printed by {@code glimpse import --list}). Stateless. */
public final class DecoderArchitectures {
    public static final DecoderArchitecture LLAMA = new DecoderArchitecture("LlamaForCausalLM",
            "model.embed_tokens, model.layers.N.{input_layernorm, self_attn.{q,k,v,o}_proj, post_attention_layernorm, "
                    + "mlp.{gate,up,down}_proj}, model.norm, lm_head (or tied)",
            "RMSNorm, rotate-half RoPE (rope_scaling null or llama3), GQA, SiLU-gated MLP; attention_bias/mlp_bias true refused",
            "model.embed_tokens.weight",
            Map.of(INPUT_NORM, "model.layers.%d.input_layernorm.weight",
                    Q_PROJ, "model.layers.%d.self_attn.q_proj.weight",
                    K_PROJ, "model.layers.%d.self_attn.k_proj.weight",
                    V_PROJ, "model.layers.%d.self_attn.v_proj.weight",
                    O_PROJ, "model.layers.%d.self_attn.o_proj.weight",
                    POST_ATTENTION_NORM, "model.layers.%d.post_attention_layernorm.weight",
                    GATE_PROJ, "model.layers.%d.mlp.gate_proj.weight",
                    UP_PROJ, "model.layers.%d.mlp.up_proj.weight",
                    DOWN_PROJ, "model.layers.%d.mlp.down_proj.weight"),
            "model.norm.weight", "lm_head.weight",
            new ConfigKeys("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                    "num_key_value_heads", "head_dim", "vocab_size", "rms_norm_eps", "rope_theta", "rope_scaling",
                    "max_position_embeddings", "tie_word_embeddings", List.of("attention_bias", "mlp_bias")),
            false, null);

    public static final DecoderArchitecture EXAONE = new DecoderArchitecture("ExaoneForCausalLM",
            "transformer.wte, transformer.h.N.{ln_1, attn.attention.{q,k,v,out}_proj, ln_2, mlp.c_fc_0 (gate), "
                    + "mlp.c_fc_1 (up), mlp.c_proj (down)}, transformer.ln_f, lm_head (or tied)",
            "EXAONE 3 / 3.5: the Llama math under GPT-2-style names; num_layers, layer_norm_epsilon; chat template exaone-3",
            "transformer.wte.weight",
            Map.of(INPUT_NORM, "transformer.h.%d.ln_1.weight",
                    Q_PROJ, "transformer.h.%d.attn.attention.q_proj.weight",
                    K_PROJ, "transformer.h.%d.attn.attention.k_proj.weight",
                    V_PROJ, "transformer.h.%d.attn.attention.v_proj.weight",
                    O_PROJ, "transformer.h.%d.attn.attention.out_proj.weight",
                    POST_ATTENTION_NORM, "transformer.h.%d.ln_2.weight",
                    GATE_PROJ, "transformer.h.%d.mlp.c_fc_0.weight",
                    UP_PROJ, "transformer.h.%d.mlp.c_fc_1.weight",
                    DOWN_PROJ, "transformer.h.%d.mlp.c_proj.weight"),
            "transformer.ln_f.weight", "lm_head.weight",
            new ConfigKeys("hidden_size", "intermediate_size", "num_layers", "num_attention_heads",
                    "num_key_value_heads", "head_dim", "vocab_size", "layer_norm_epsilon", "rope_theta", "rope_scaling",
                    "max_position_embeddings", "tie_word_embeddings", List.of()),
            true, "exaone-3");

    public static final List<DecoderArchitecture> ALL = List.of(LLAMA, EXAONE);

    private DecoderArchitectures() {
    }

    public static Optional<DecoderArchitecture> named(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The names, comma-separated, for error messages. */
    public static String names() {
        return ALL.stream().map(DecoderArchitecture::name).collect(Collectors.joining(", "));
    }
}
