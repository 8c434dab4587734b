package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glimpse.inference.testmodel.Ort.Tensor;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated decoder_model_merged graphs, run with ONNX Runtime: the KV cache contract. */
class DecoderGraphsTest {
    static final int D = 64;
    static final int V = 264;
    static final int LAYERS = 2;
    static final long[] PROMPT = {257, 117, 115, 101, 114, 10, 261, 261, 261, 258, 10, 257, 97};

    @TempDir
    static Path dir;
    static Path probe;
    static Path random;

    @BeforeAll
    static void write() throws Exception {
        probe = dir.resolve("probe");
        random = dir.resolve("random");
        TestModelWriter.write(probe, Family.HCX_VISION_PROBE, 0);
        TestModelWriter.write(random, Family.HCX_VISION, 1234);
    }

    static float[] embed(Path folder, long[] ids) throws Exception {
        try (Ort ort = new Ort(folder.resolve("onnx/embed_tokens.onnx"))) {
            return ort.longs("input_ids", ids, 1, ids.length).run().get("inputs_embeds").data();
        }
    }

    /** One decoder call: embeddings of S new positions after a cache of P positions (past null: empty). */
    static Map<String, Tensor> step(Ort dec, float[] embeds, long[] mask, Map<String, Tensor> past) throws Exception {
        int s = embeds.length / D;
        int p = mask.length - s;
        long[] pos = new long[s];
        for (int i = 0; i < s; i++) {
            pos[i] = p + i;
        }
        dec.floats("inputs_embeds", embeds, 1, s, D).longs("attention_mask", mask, 1, mask.length)
                .longs("position_ids", pos, 1, s);
        for (int l = 0; l < LAYERS; l++) {
            for (String kind : List.of("key", "value")) {
                Tensor t = past == null ? new Tensor(new long[] {1, 2, 0, 16}, new float[0]) : past.get("present." + l + "." + kind);
                dec.floats("past_key_values." + l + "." + kind, t.data(), t.shape());
            }
        }
        return dec.run();
    }

    static long[] ones(int n) {
        long[] m = new long[n];
        Arrays.fill(m, 1);
        return m;
    }

    static int argmax(float[] logits, int row) {
        int best = 0;
        for (int v = 1; v < V; v++) {
            if (logits[row * V + v] > logits[row * V + best]) {
                best = v;
            }
        }
        return best;
    }

    /**
     * Greedy decoding with the cache (prefill, then one token at a time, past = present) gives the
     * same logits as recomputing the whole sequence without a cache: positions, the causal mask
     * and the cache concatenation are consistent.
     */
    @Test
    void cachedGreedyDecodingEqualsRecomputingWithoutTheCache() throws Exception {
        int steps = 12;
        List<Long> seq = new ArrayList<>(Arrays.stream(PROMPT).boxed().toList());
        List<float[]> cachedRows = new ArrayList<>();
        try (Ort dec = new Ort(random.resolve("onnx/decoder_model_merged.onnx"))) {
            Map<String, Tensor> out = step(dec, embed(random, PROMPT), ones(PROMPT.length), null);
            assertThat(out.get("logits").shape()).containsExactly(1, 1, V); // the last position's row only
            float[] last = out.get("logits").data();
            for (int i = 0; i < steps; i++) {
                cachedRows.add(last);
                long next = argmax(last, 0);
                seq.add(next);
                out = step(dec, embed(random, new long[] {next}), ones(seq.size()), out);
                assertThat(out.get("present.1.value").shape()).containsExactly(1, 2, seq.size(), 16);
                last = out.get("logits").data();
            }
            long[] all = seq.stream().mapToLong(Long::longValue).toArray();
            for (int i = 0; i < steps; i++) {
                long[] prefix = Arrays.copyOf(all, PROMPT.length + i);
                float[] recomputed = step(dec, embed(random, prefix), ones(prefix.length), null).get("logits").data();
                float[] expected = cachedRows.get(i);
                for (int v = 0; v < V; v++) {
                    assertThat(recomputed[v]).as("step %d id %d", i, v).isCloseTo(expected[v], within(1e-4f));
                }
                assertThat((long) argmax(recomputed, 0)).isEqualTo(all[prefix.length]);
            }
            List<Long> generated = seq.subList(PROMPT.length, seq.size());
            assertThat(generated.stream().distinct().count()).as("random weights: not one id repeated").isGreaterThan(1);
        }
    }

    /** Masking key 1 is the same as leaving that token out while the others keep their positions. */
    @Test
    void attentionMaskHidesKeys() throws Exception {
        try (Ort dec = new Ort(random.resolve("onnx/decoder_model_merged.onnx"))) {
            float[] e = embed(random, PROMPT);
            float[] open = step(dec, e, ones(PROMPT.length), null).get("logits").data();
            long[] mask = ones(PROMPT.length);
            mask[1] = 0;
            float[] hidden = step(dec, e, mask, null).get("logits").data();
            assertThat(hidden).isNotEqualTo(open);
            long[] kept = new long[PROMPT.length - 1];
            long[] positions = new long[PROMPT.length - 1];
            for (int i = 0, j = 0; i < PROMPT.length; i++) {
                if (i != 1) {
                    kept[j] = PROMPT[i];
                    positions[j++] = i;
                }
            }
            float[] ke = embed(random, kept);
            dec.floats("inputs_embeds", ke, 1, kept.length, D).longs("attention_mask", ones(kept.length), 1, kept.length)
                    .longs("position_ids", positions, 1, kept.length);
            for (int l = 0; l < LAYERS; l++) {
                dec.floats("past_key_values." + l + ".key", new float[0], 1, 2, 0, 16);
                dec.floats("past_key_values." + l + ".value", new float[0], 1, 2, 0, 16);
            }
            float[] dropped = dec.run().get("logits").data();
            for (int v = 0; v < V; v++) {
                assertThat(hidden[v]).as("id %d", v).isCloseTo(dropped[v], within(1e-4f));
            }
        }
    }

    @Test
    void probeDecoderEchoesItsEmbeddingsPrefersAAndGrowsTheCache() throws Exception {
        Random r = new Random(3);
        float[] pastKey = new float[2 * 2 * 16];
        for (int i = 0; i < pastKey.length; i++) {
            pastKey[i] = r.nextFloat();
        }
        float[] embeds = new float[3 * D];
        for (int i = 0; i < embeds.length; i++) {
            embeds[i] = r.nextFloat() - 0.5f;
        }
        Tensor past = new Tensor(new long[] {1, 2, 2, 16}, pastKey);
        Map<String, Tensor> fakePast = Map.of("present.0.key", past, "present.0.value", past,
                "present.1.key", past, "present.1.value", past);
        try (Ort dec = new Ort(probe.resolve("onnx/decoder_model_merged.onnx"))) {
            Map<String, Tensor> out = step(dec, embeds, ones(5), fakePast);
            assertThat(out.get("received_embeds").shape()).containsExactly(1, 3, D);
            assertThat(out.get("received_embeds").data()).containsExactly(embeds);
            Tensor logits = out.get("logits");
            assertThat(logits.shape()).containsExactly(1, 3, V);
            for (int s = 0; s < 3; s++) {
                assertThat(argmax(logits.data(), s)).isEqualTo(97);
                assertThat(logits.at(0, s, 97)).isEqualTo(10f);
                assertThat(logits.at(0, s, 96)).isZero();
            }
            for (int l = 0; l < LAYERS; l++) {
                Tensor k = out.get("present." + l + ".key");
                Tensor v = out.get("present." + l + ".value");
                assertThat(k.shape()).containsExactly(1, 2, 5, 16);
                assertThat(v.shape()).containsExactly(1, 2, 5, 16);
                for (int h = 0; h < 2; h++) {
                    for (int c = 0; c < 16; c++) {
                        assertThat(k.at(0, h, 1, c)).isEqualTo(past.at(0, h, 1, c));
                        for (int s = 0; s < 3; s++) {
                            assertThat(k.at(0, h, 2 + s, c)).isEqualTo(embeds[s * D + h * 16 + c]);
                            assertThat(v.at(0, h, 2 + s, c)).isEqualTo(embeds[s * D + 32 + h * 16 + c]);
                        }
                    }
                }
            }
        }
    }
}
