package io.glimpse.inference.importer;

import static io.glimpse.inference.importer.HcxLanguageModelTest.npyFloats;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.importer.hcx.HcxVisionConfig;
import io.glimpse.inference.importer.hcx.VisionEncoderTensors;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code glimpse import} of the tiny HCX vision checkpoint (with the test tokenizer of {@link TinyHcxCheckpoint}),
 * checked through the imported files only: the encoder against the projector references (1e-5, the fixture's
 * separating tolerance), the decoder against the reference logits and greedy path, the embedding graph against
 * the reference prompt rows, and glimpse.json's vision block.
 */
class HcxVisionImportTest {
    @TempDir
    static Path dir;
    static Path source;
    static final Map<Ops, Path> IMPORTED = new EnumMap<>(Ops.class);
    static final List<ImportListener.Progress> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void importBothOpSets() throws Exception {
        source = TinyHcxCheckpoint.withTokenizer(dir.resolve("checkpoint"));
        for (Ops ops : Ops.values()) {
            Path out = dir.resolve("imported-" + ops.cliName());
            ImportListener listener = ops == Ops.STANDARD ? PROGRESS::add : ImportListener.NONE;
            new Importer().run(source, out, ImportOptions.defaults().withOps(ops), listener, CancelToken.NONE);
            IMPORTED.put(ops, out);
        }
    }

    static Path fixture(String name) {
        return TinyHcxCheckpoint.fixture().resolve(name);
    }

    @ParameterizedTest
    @CsvSource({"cars, 1, 81", "cars, 1, 9", "random, 2, 81", "random, 2, 9"})
    void theImportedEncoderGivesTheProjectorReference(String input, int tiles, long queries) throws Exception {
        float[] pixels = npyFloats(fixture("pixel_values_" + input + ".npy"));
        long[] nq = new long[tiles];
        Arrays.fill(nq, queries);
        float[] rows = run(IMPORTED.get(Ops.STANDARD).resolve("onnx/vision_encoder.onnx"), Map.of(
                "pixel_values", t -> OnnxTensor.createTensor(t, FloatBuffer.wrap(pixels), new long[] {tiles, 3, 378, 378}),
                "num_queries", t -> OnnxTensor.createTensor(t, LongBuffer.wrap(nq), new long[] {tiles})));
        double d = maxAbsDiff(rows, npyFloats(fixture("projector_q" + queries + "_" + input + ".npy")));
        System.out.printf("imported vision_encoder, projector_q%d_%s: max |delta| = %.3g%n", queries, input, d);
        assertThat(d).isLessThan(1e-5);
    }

    @ParameterizedTest
    @EnumSource(Ops.class)
    void theImportedDecoderGivesTheReferenceLogitsAndGreedyPath(Ops ops) throws Exception {
        JsonNode cars = new ObjectMapper().readTree(fixture("reference.json").toFile()).at("/inputs/cars");
        Path folder = IMPORTED.get(ops);
        float[] rows = npyFloats(fixture("inputs_embeds_cars.npy"));
        try (OrtDecoder d = OrtDecoder.open(ModelFolder.read(folder), RuntimeOptions.cpu())) {
            float[] logits = d.forwardEmbeddings(rows, 93);
            JsonNode last = cars.get("last_logits");
            double worst = 0;
            for (int i = 0; i < 10; i++) {
                double expected = last.get("top_values").get(i).asDouble();
                worst = Math.max(worst, Math.abs(logits[last.get("top_ids").get(i).asInt()] - expected));
                assertThat((double) logits[last.get("top_ids").get(i).asInt()]).isCloseTo(expected, Offset.offset(1e-4));
            }
            System.out.printf("imported decoder (%s), cars top-10 logits: max |delta| = %.3g%n", ops.cliName(), worst);
            List<Integer> greedy = new ArrayList<>();
            for (int step = 0; step < 16; step++) {
                int next = argmax(logits);
                greedy.add(next);
                logits = d.forwardEmbeddings(embed(folder, next), 1); // the next row through the imported embed_tokens
            }
            List<Integer> expected = new ArrayList<>();
            cars.get("greedy_16").forEach(n -> expected.add(n.asInt()));
            assertThat(greedy).isEqualTo(expected);
        }
    }

    @Test
    void theImportedEmbeddingGivesThePromptsTextRows() throws Exception {
        float[] rows = npyFloats(fixture("inputs_embeds_cars.npy"));
        int[] firstIds = {1, 72, 105, 33, 208}; // reference.json text_ids before the 81 image rows
        for (int i = 0; i < firstIds.length; i++) {
            assertThat(embed(IMPORTED.get(Ops.FUSED), firstIds[i])).containsExactly(Arrays.copyOfRange(rows, i * 64, (i + 1) * 64));
        }
    }

    @Test
    void glimpseJsonCarriesTheVisionBlockOfTheFormat() throws Exception {
        JsonNode j = new ObjectMapper().readTree(IMPORTED.get(Ops.FUSED).resolve("glimpse.json").toFile());
        assertThat(j.get("family").asText()).isEqualTo("hcx-vision");
        assertThat(j.get("context_length").asInt()).isEqualTo(4096);
        assertThat(j.get("vocab_size").asInt()).isEqualTo(512);
        assertThat(j.at("/decoder/file").asText()).isEqualTo("onnx/decoder_model_merged.onnx");
        assertThat(j.at("/decoder/inputs/inputs_embeds").asText()).isEqualTo("inputs_embeds");
        assertThat(j.at("/decoder/layers").asInt()).isEqualTo(2);
        assertThat(j.at("/decoder/kv_heads").asInt()).isEqualTo(2);
        assertThat(j.at("/decoder/head_size").asInt()).isEqualTo(16);
        assertThat(j.at("/stop/ids").toString()).isEqualTo("[2,259,260]"); // generation_config's eos, the turn markers
        assertThat(j.at("/stop/strings").toString()).isEqualTo("[\"<|endofturn|>\",\"<|stop|>\"]");
        assertThat(j.at("/special_tokens/bos").asInt()).isEqualTo(-1);
        JsonNode v = j.get("vision");
        assertThat(v.toString()).isEqualTo("{\"encoder\":{\"file\":\"onnx/vision_encoder.onnx\",\"pixel_values\":\"pixel_values\","
                + "\"num_queries\":\"num_queries\",\"features\":\"image_features\",\"max_tiles_per_run\":4},"
                + "\"embed_tokens\":{\"file\":\"onnx/embed_tokens.onnx\",\"input_ids\":\"input_ids\",\"inputs_embeds\":\"inputs_embeds\"},"
                + "\"image_newline\":\"image_newline.npy\",\"hidden_size\":64,"
                + "\"image_token\":\"<|dummy3|>\",\"image_token_id\":511,"
                + "\"video_token\":\"<|_unuse_missing_100270|>\",\"video_token_id\":510,\"stitching\":\"hcx-anyres\"}");
        assertThat(j.at("/imported/architecture").asText()).isEqualTo("HCXVisionForCausalLM");
        List<String> notes = new ArrayList<>();
        j.get("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).anyMatch(n -> n.startsWith("imported from the LlamaForCausalLM under language_model. with precision fp32"))
                .anyMatch(n -> n.startsWith("vision tower and projector stored fp32"))
                .anyMatch(n -> n.equals("context length = max_position_embeddings 4096"));
        for (String copied : List.of("config.json", "preprocessor_config.json", "generation_config.json", "tokenizer.json")) {
            assertThat(IMPORTED.get(Ops.FUSED).resolve(copied)).hasSameBinaryContentAs(source.resolve(copied));
        }
    }

    @Test
    void imageNewlineIsTheCheckpointsVector() throws Exception {
        try (Checkpoint ckpt = Checkpoint.open(source)) {
            float[] expected = ckpt.floats("image_newline", 64);
            assertThat(npyFloats(IMPORTED.get(Ops.FUSED).resolve("image_newline.npy"))).containsExactly(expected);
        }
    }

    @Test
    void progressCountsEveryTensorOfTheThreeGraphs() throws Exception {
        try (Checkpoint ckpt = Checkpoint.open(source)) {
            HcxVisionConfig cfg = HcxVisionConfig.from(ckpt.config(), source.resolve("config.json"));
            int vision = VisionEncoderTensors.of(cfg).size();
            int decoder = 1 + 2 * 9 + 1; // first input norm, 9 per layer, the untied head
            ImportListener.Progress last = PROGRESS.get(PROGRESS.size() - 1);
            assertThat(PROGRESS).hasSize(vision + 1 + 1 + decoder); // + embedding table + image_newline
            assertThat(last.tensorsDone()).isEqualTo(last.tensorsTotal()).isEqualTo(PROGRESS.size());
            assertThat(last.bytesDone()).isEqualTo(last.bytesTotal());
            // what the builders read is exactly what was listed (and checked) before writing
            assertThat(PROGRESS.stream().map(ImportListener.Progress::tensor).distinct().sorted().toList())
                    .isEqualTo(new HcxVisionImport(ckpt, ImportOptions.defaults()).tensorsRead().stream()
                            .map(DecoderBuilder.TensorSpec::name).distinct().sorted().toList());
        }
    }

    /** One embedding row through the imported embed_tokens graph. */
    static float[] embed(Path folder, long id) throws Exception {
        return run(folder.resolve("onnx/embed_tokens.onnx"),
                Map.of("input_ids", t -> OnnxTensor.createTensor(t, LongBuffer.wrap(new long[] {id}), new long[] {1, 1})));
    }

    interface Input {
        OnnxTensor make(OrtEnvironment env) throws Exception;
    }

    /** Runs a graph file and copies out its first (float) output. */
    static float[] run(Path graph, Map<String, Input> inputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> tensors = new java.util.HashMap<>();
        try (OrtSession s = env.createSession(graph.toString(), new OrtSession.SessionOptions())) {
            for (var e : inputs.entrySet()) {
                tensors.put(e.getKey(), e.getValue().make(env));
            }
            try (OrtSession.Result r = s.run(tensors)) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
