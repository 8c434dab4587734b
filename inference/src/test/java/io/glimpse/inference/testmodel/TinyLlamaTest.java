package io.glimpse.inference.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.importer.DecoderArchitectures;
import io.glimpse.inference.importer.DecoderBuilder;
import io.glimpse.inference.importer.DecoderGeometry;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.RandomWeights;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The random-weight families' decoder is the importer's DecoderBuilder run on the folder's own text_config. */
class TinyLlamaTest {
    static final int D = 64;
    static final int V = 264;

    @TempDir
    Path dir;

    /** What `glimpse import` would write for this config and these weights is, byte for byte, the folder's decoder. */
    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"HCX_VISION", "GENERIC"})
    void theDecoderIsTheImportersGraphOfTheFoldersTextConfig(Family family) throws Exception {
        TestModelWriter.write(dir, family, 7);
        JsonNode text = new ObjectMapper().readTree(dir.resolve("config.json").toFile()).get("text_config");
        assertThat(text.get("architectures").get(0).asText()).isEqualTo("LlamaForCausalLM");
        DecoderGeometry geo = DecoderGeometry.read(text, DecoderArchitectures.LLAMA.keys(), dir.resolve("config.json"));
        assertThat(geo.assumptions()).as("every key given, none defaulted").isEmpty();
        assertThat(new int[] {geo.hidden(), geo.layers(), geo.heads(), geo.kvHeads(), geo.headDim(), geo.vocab(), geo.maxPositions()})
                .containsExactly(64, 2, 4, 2, 16, 264, 8192);
        DecoderBuilder builder = new DecoderBuilder(geo, DecoderArchitectures.LLAMA.names(""),
                new DecoderBuilder.Options(Ops.STANDARD, true, LinearWriter.FP32, LinearWriter.FP32, false));
        OnnxGraph g = new OnnxGraph("decoder_tiny_llama");
        builder.build(g, RandomWeights.of(text, dir.resolve("config.json"), 7));
        assertThat(g.toBytes()).isEqualTo(Files.readAllBytes(dir.resolve("onnx/decoder_model_merged.onnx")));
    }

    /**
     * RoPE, not a learned position table: moving every position by the same offset leaves the logits
     * as they were (only distances count), while moving one position changes them.
     */
    @Test
    void positionsAreRotaryOnlyDistancesCount() throws Exception {
        TestModelWriter.write(dir, Family.HCX_VISION, 5);
        long[] prompt = {257, 117, 115, 101, 114, 10, 97, 98};
        float[] embeds = DecoderGraphsTest.embed(dir, prompt);
        try (Ort dec = new Ort(dir.resolve("onnx/decoder_model_merged.onnx"))) {
            float[] base = prefill(dec, embeds, 0, 0);
            float[] shifted = prefill(dec, embeds, 1000, 0);
            float[] gap = prefill(dec, embeds, 0, 3);
            for (int i = 0; i < base.length; i++) {
                assertThat(shifted[i]).as("logit %d", i).isCloseTo(base[i], within(1e-4f));
            }
            int last = 0; // the graph returns the last position's logits only
            double moved = 0;
            for (int v = 0; v < V; v++) {
                moved = Math.max(moved, Math.abs(gap[last + v] - base[last + v]));
            }
            assertThat(moved).isGreaterThan(1e-3);
        }
    }

    /** The whole folder stays small: no position table, no rotary tables, only the weights. */
    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"HCX_VISION", "GENERIC"})
    void theFolderStaysUnderHalfAMegabyte(Family family) throws Exception {
        TestModelWriter.write(dir, family, 0);
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isBetween(300_000L, 500_000L);
    }

    /** Positions start, start + 1, …; the last one is pushed {@code lastGap} further. */
    private static float[] prefill(Ort dec, float[] embeds, long start, long lastGap) throws Exception {
        int s = embeds.length / D;
        long[] pos = new long[s];
        for (int i = 0; i < s; i++) {
            pos[i] = start + i + (i == s - 1 ? lastGap : 0);
        }
        dec.floats("inputs_embeds", embeds, 1, s, D).longs("attention_mask", DecoderGraphsTest.ones(s), 1, s)
                .longs("position_ids", pos, 1, s);
        for (int l = 0; l < 2; l++) {
            dec.floats("past_key_values." + l + ".key", new float[0], 1, 2, 0, 16);
            dec.floats("past_key_values." + l + ".value", new float[0], 1, 2, 0, 16);
        }
        return dec.run().get("logits").data();
    }
}
