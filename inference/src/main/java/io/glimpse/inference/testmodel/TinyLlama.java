package io.glimpse.inference.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.DecoderArchitectures;
import io.glimpse.inference.importer.DecoderBuilder;
import io.glimpse.inference.importer.DecoderGeometry;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.RandomWeights;
import io.glimpse.inference.onnx.OnnxGraph;
import java.nio.file.Path;

/**
 * The random decoder of the {@code hcx-vision} and {@code generic} test models: a tiny Llama
 * ({@link TinyHcx}'s geometry, described by {@link #config} with {@code LlamaForCausalLM}'s keys)
 * written by the importer's own {@link DecoderBuilder}, so a test model exercises the same graph code
 * as an imported checkpoint: RMSNorm, rotate-half RoPE from {@code position_ids}, grouped-query
 * attention with a causal mask over the cache, SiLU-gated MLP, untied LM head, float32. Its weights are
 * {@link RandomWeights} of that config: each tensor from the seed and its name, so one seed gives the
 * same bytes. It takes {@code inputs_embeds} and has the I/O of docs/model-format.md.
 *
 * <p>Op set {@link Ops#STANDARD} (plain ONNX opset 17), not the importer's default {@code fused}. Head
 * size 16 is one GroupQueryAttention runs with its own rotary, and the fused graph does agree with this
 * one (within 2e-7) on an all-ones mask; but GroupQueryAttention reads {@code attention_mask} only as a
 * length (sum − 1), so a zero inside the mask does not hide that key (it drops the last one instead),
 * while the contract and DecoderGraphsTest say a masked key is hidden. The fused graph is also 2.4
 * times the size (893 KB against 376 KB: cos/sin tables of all 8192 positions). Stateless.
 */
final class TinyLlama {
    /** Where errors about the config name it (it is the folder's {@code config.json} text_config). */
    private static final Path ORIGIN = Path.of("config.json");

    private TinyLlama() {}

    /**
     * The decoder's config, as a Hugging Face {@code LlamaForCausalLM} config.json: every key the
     * importer reads, none left to a default. The folders' config.json carry it as {@code text_config}.
     */
    static ObjectNode config(ObjectMapper m) {
        ObjectNode c = m.createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("hidden_size", TinyHcx.HIDDEN);
        c.put("intermediate_size", TinyHcx.FFN);
        c.put("num_hidden_layers", TinyHcx.LAYERS);
        c.put("num_attention_heads", TinyHcx.HEADS);
        c.put("num_key_value_heads", TinyHcx.KV_HEADS);
        c.put("head_dim", TinyHcx.HEAD_SIZE);
        c.put("vocab_size", TinyHcx.VOCAB);
        c.put("max_position_embeddings", TinyHcx.CONTEXT);
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", 10000.0);
        c.putNull("rope_scaling");
        c.put("hidden_act", "silu");
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("tie_word_embeddings", false);
        return c;
    }

    /** The {@code decoder_model_merged} graph with random weights N(0, 0.02²) (norm gains 1 + N(0, 0.02²)). */
    static OnnxGraph decoder(long seed) {
        ObjectNode config = config(new ObjectMapper());
        try {
            DecoderGeometry geo = DecoderGeometry.read(config, DecoderArchitectures.LLAMA.keys(), ORIGIN);
            DecoderBuilder builder = new DecoderBuilder(geo, DecoderArchitectures.LLAMA.names(""),
                    new DecoderBuilder.Options(Ops.STANDARD, true, LinearWriter.FP32, LinearWriter.FP32, false));
            OnnxGraph g = new OnnxGraph("decoder_tiny_llama");
            builder.build(g, RandomWeights.of(config, ORIGIN, seed));
            return g;
        } catch (CheckpointException e) {
            throw new IllegalStateException("the built-in tiny Llama config is refused: " + e.getMessage(), e);
        }
    }
}
