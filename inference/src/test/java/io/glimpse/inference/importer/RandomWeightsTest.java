package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RandomWeights}: the names and shapes of real checkpoints, values made on demand. */
class RandomWeightsTest {
    static Path fixture(String relative) {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures").resolve(relative).normalize();
        assumeTrue(Files.exists(p), "fixture " + p + " absent; test skipped");
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hf/stories260K-llama", "hf/stories260K-llama-bf16", "hf/stories260K-llama-sharded",
            "hf/tiny-exaone", "hf/tiny-hcx-vision"})
    void hasExactlyTheTensorsOfTheRealCheckpointWithTheirShapes(String folder) throws Exception {
        Path dir = fixture(folder);
        Map<String, String> real = new TreeMap<>();
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            for (String name : checkpoint.tensorNames()) {
                real.put(name, checkpoint.entry(name).shapeText());
            }
        }
        RandomWeights random = RandomWeights.of(dir.resolve("config.json"), 1);
        Map<String, String> generated = new TreeMap<>();
        for (String name : random.tensorNames()) {
            generated.put(name, Arrays.toString(random.shape(name)));
        }

        assertThat(generated).containsExactlyEntriesOf(real);
        real.keySet().forEach(name -> assertThat(random.has(name)).as(name).isTrue());
        assertThat(random.has("lm_head.bias")).isFalse();
    }

    @Test
    void valuesDependOnSeedAndNameNotOnOrder() throws Exception {
        Path config = fixture("hf/stories260K-llama/config.json");
        RandomWeights a = RandomWeights.of(config, 7);
        RandomWeights b = RandomWeights.of(config, 7);
        float[] firstNorm = a.floats("model.norm.weight", 64);
        float[] firstQ = a.floats("model.layers.0.self_attn.q_proj.weight", 64, 64);

        float[] q = b.floats("model.layers.0.self_attn.q_proj.weight", 64, 64);
        float[] norm = b.floats("model.norm.weight", 64);

        assertThat(q).containsExactly(firstQ);
        assertThat(norm).containsExactly(firstNorm);
        assertThat(RandomWeights.of(config, 8).floats("model.norm.weight", 64)).isNotEqualTo(firstNorm);
        assertThat(a.floats("model.layers.1.self_attn.q_proj.weight", 64, 64)).isNotEqualTo(firstQ);
    }

    @Test
    void weightsAreNarrowGaussiansAndNormWeightsSitAroundOne() throws Exception {
        RandomWeights w = RandomWeights.of(fixture("hf/stories260K-llama/config.json"), 3);
        float[] embed = w.floats("model.embed_tokens.weight", 512, 64);
        float[] norm = w.floats("model.layers.2.input_layernorm.weight", 64);

        assertThat(mean(embed)).isCloseTo(0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(std(embed)).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.001));
        assertThat(mean(norm)).isCloseTo(1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(std(norm)).isBetween(0.01, 0.03);
    }

    @Test
    void aWrongShapeNamesBothShapesAndAMissingTensorIsRefused() throws Exception {
        RandomWeights w = RandomWeights.of(fixture("hf/tiny-exaone/config.json"), 1);

        assertThatThrownBy(() -> w.floats("transformer.h.0.mlp.c_proj.weight", 128, 48))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("transformer.h.0.mlp.c_proj.weight").hasMessageContaining("[48, 128]")
                .hasMessageContaining("[128, 48]");
        assertThatThrownBy(() -> w.floats("lm_head.weight", 102400, 48))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("lm_head.weight is not in");
    }

    /** A 0.5B geometry is listed from config.json alone, no values made: the tied head is absent, and 24 × 9 + 2 tensors. */
    @Test
    void aRealSizedConfigIsListedWithoutMakingValues() throws Exception {
        RandomWeights w = RandomWeights.of(fixture("hyperclovax-seed-text-0.5b/config.json"), 1);

        assertThat(w.tensorNames()).hasSize(24 * 9 + 2);
        assertThat(w.has("lm_head.weight")).isFalse();
        assertThat(w.shape("model.embed_tokens.weight")).containsExactly(110592, 1024);
        assertThat(w.shape("model.layers.23.self_attn.k_proj.weight")).containsExactly(1024, 1024);
        assertThat(w.shape("model.layers.0.mlp.down_proj.weight")).containsExactly(1024, 4096);
    }

    @Test
    void untiedHeadsAndBiasesFollowTheConfig() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(Files.readString(fixture("hf/stories260K-llama/config.json")));
        config.put("tie_word_embeddings", false).put("attention_bias", true);
        RandomWeights w = RandomWeights.of(config, Path.of("config.json"), 1);

        assertThat(w.shape("lm_head.weight")).containsExactly(512, 64);
        assertThat(w.shape("model.layers.4.self_attn.k_proj.bias")).containsExactly(32);
        assertThat(w.shape("model.layers.4.self_attn.o_proj.bias")).containsExactly(64);
        assertThat(w.has("model.layers.4.mlp.up_proj.bias")).isFalse();
    }

    @Test
    void anUnsupportedArchitectureOrMissingKeyIsNamed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode qwen = json.readTree("{\"architectures\": [\"Qwen2ForCausalLM\"]}");
        JsonNode noHidden = json.readTree("{\"architectures\": [\"LlamaForCausalLM\"], \"num_hidden_layers\": 2}");

        assertThatThrownBy(() -> RandomWeights.of(qwen, Path.of("config.json"), 1))
                .hasMessageContaining("Qwen2ForCausalLM").hasMessageContaining("LlamaForCausalLM");
        assertThatThrownBy(() -> RandomWeights.of(noHidden, Path.of("config.json"), 1)).hasMessageContaining("hidden_size");
    }

    @Test
    void theTableExpandsRangesAndLists() {
        Map<String, TensorTable.Spec> t = TensorTable.expand("a.{i<n}.{x,y}.w  n 2 norm\nb  3  if off\n# note\n",
                "p.", Map.of("n", 2L), Map.of("off", false));
        Map<String, String> shapes = new LinkedHashMap<>();
        t.forEach((k, v) -> shapes.put(k, Arrays.toString(v.shape()) + (v.norm() ? " norm" : "")));

        assertThat(shapes).containsExactly(Map.entry("p.a.0.x.w", "[2, 2] norm"), Map.entry("p.a.0.y.w", "[2, 2] norm"),
                Map.entry("p.a.1.x.w", "[2, 2] norm"), Map.entry("p.a.1.y.w", "[2, 2] norm"));
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
