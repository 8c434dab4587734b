package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Writes small safetensors files and Llama checkpoints for the tests, honest or lying on request. */
final class SafetensorsWriter {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, String> dtypes = new LinkedHashMap<>();
    private final Map<String, byte[]> data = new LinkedHashMap<>();
    private final Map<String, long[]> offsetOverrides = new LinkedHashMap<>();

    SafetensorsWriter f32(String name, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return raw(name, "F32", b.array(), shape);
    }

    SafetensorsWriter raw(String name, String dtype, byte[] bytes, long... shape) {
        shapes.put(name, shape);
        dtypes.put(name, dtype);
        data.put(name, bytes);
        return this;
    }

    /** Makes the header claim these offsets for a tensor instead of the true ones. */
    SafetensorsWriter lieAbout(String name, long begin, long end) {
        offsetOverrides.put(name, new long[] {begin, end});
        return this;
    }

    void write(Path file) throws IOException {
        ObjectNode header = new ObjectMapper().createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String name : shapes.keySet()) {
            ObjectNode t = header.putObject(name);
            t.put("dtype", dtypes.get(name));
            var shape = t.putArray("shape");
            for (long d : shapes.get(name)) {
                shape.add(d);
            }
            long begin = body.size();
            body.write(data.get(name));
            long[] offsets = offsetOverrides.getOrDefault(name, new long[] {begin, body.size()});
            t.putArray("data_offsets").add(offsets[0]).add(offsets[1]);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(len.array());
        out.write(json);
        out.write(body.toByteArray());
        Files.write(file, out.toByteArray());
    }

    /** config.json of a tiny random Llama: hidden 32, 2 layers, 4 heads over 2 KV heads of 16, vocab 64, untied. */
    static ObjectNode tinyLlamaConfig() {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("hidden_size", 32).put("intermediate_size", 48).put("num_hidden_layers", 2).put("num_attention_heads", 4)
                .put("num_key_value_heads", 2).put("head_dim", 16).put("vocab_size", 64).put("rms_norm_eps", 1e-5)
                .put("rope_theta", 10000.0).put("max_position_embeddings", 128).put("tie_word_embeddings", false)
                .put("bos_token_id", 1).put("eos_token_id", 2).put("hidden_act", "silu");
        c.putNull("rope_scaling");
        return c;
    }

    /** A complete tiny Llama checkpoint folder with random weights (seeded), config as given. */
    static Path tinyLlama(Path dir, ObjectNode config) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), config.toString());
        int d = 32;
        int f = 48;
        int v = 64;
        Random r = new Random(7);
        SafetensorsWriter w = new SafetensorsWriter();
        w.f32("model.embed_tokens.weight", random(r, v * d), v, d);
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".";
            w.f32(p + "input_layernorm.weight", ones(d), d);
            w.f32(p + "self_attn.q_proj.weight", random(r, 64 * d), 64, d);
            w.f32(p + "self_attn.k_proj.weight", random(r, 32 * d), 32, d);
            w.f32(p + "self_attn.v_proj.weight", random(r, 32 * d), 32, d);
            w.f32(p + "self_attn.o_proj.weight", random(r, d * 64), d, 64);
            w.f32(p + "post_attention_layernorm.weight", ones(d), d);
            w.f32(p + "mlp.gate_proj.weight", random(r, f * d), f, d);
            w.f32(p + "mlp.up_proj.weight", random(r, f * d), f, d);
            w.f32(p + "mlp.down_proj.weight", random(r, d * f), d, f);
        }
        w.f32("model.norm.weight", ones(d), d);
        w.f32("lm_head.weight", random(r, v * d), v, d);
        w.write(dir.resolve("model.safetensors"));
        return dir;
    }

    static float[] random(Random r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (r.nextGaussian() * 0.1);
        }
        return out;
    }

    static float[] ones(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 1f);
        return out;
    }
}
