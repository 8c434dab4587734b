package io.glimpse.inference.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard vs fused op sets: prefill and per-token decode time, and the largest logit difference
 * between them. A measurement, not a check: runs only with {@code -Dglimpse.bench=true}.
 */
class OpsSpeedCheck {
    @TempDir
    Path tmp;

    /** Random weights N(0, 0.02) of any requested shape, norms 1 (a WeightSource for benchmarks). */
    record RandomWeights(JsonNode config) implements WeightSource {
        @Override
        public boolean has(String name) {
            return !name.endsWith("lm_head.weight");
        }

        @Override
        public float[] floats(String name, long... shape) {
            int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] out = new float[n];
            if (shape.length == 1) {
                Arrays.fill(out, 1f);
                return out;
            }
            Random r = new Random(name.hashCode());
            for (int i = 0; i < n; i++) {
                out[i] = (float) (r.nextGaussian() * 0.02);
            }
            return out;
        }
    }

    @Test
    void measure() throws Exception {
        assumeTrue(Boolean.getBoolean("glimpse.bench"), "measurement; run with -Dglimpse.bench=true");
        var stories = SafetensorsWriter.tinyLlamaConfig(); // replaced below by the real stories checkpoint
        try (Checkpoint c = Checkpoint.open(HfFixtures.folder("stories260K-llama"))) {
            run("stories260K", c, DecoderGeometry.read(c.config(), DecoderArchitectures.LLAMA.keys(), Path.of("config.json")), 5, 60);
        }
        var wide = stories.put("hidden_size", 1024).put("intermediate_size", 2816).put("num_hidden_layers", 4)
                .put("num_attention_heads", 16).put("num_key_value_heads", 4).put("head_dim", 64).put("vocab_size", 8192)
                .put("max_position_embeddings", 2048).put("tie_word_embeddings", true);
        WeightSource w = new RandomWeights(wide);
        run("wide random (D 1024, 4 layers, 16/4 heads of 64)", w,
                DecoderGeometry.read(wide, DecoderArchitectures.LLAMA.keys(), Path.of("config.json")), 512, 64);
    }

    private void run(String label, WeightSource w, DecoderGeometry geo, int prompt, int steps) throws Exception {
        float[][] last = new float[2][];
        for (Ops ops : Ops.values()) {
            Path dir = Files.createDirectories(tmp.resolve(label.hashCode() + "-" + ops));
            DecoderBuilder b = new DecoderBuilder(geo, DecoderArchitectures.LLAMA.names(""),
                    new DecoderBuilder.Options(ops, false, LinearWriter.FP32, LinearWriter.FP32, false));
            try (ExternalData data = ExternalData.create(dir.resolve("decoder_model_merged.onnx_data"), 1024)) {
                OnnxGraph g = new OnnxGraph("d").externalData(data);
                b.build(g, w);
                g.write(dir.resolve("decoder_model_merged.onnx"));
            }
            Files.write(dir.resolve("glimpse.json"), ImportedFolderJson.bytes(ImportedFolderJson.write(dir, w.config(),
                    DecoderArchitectures.LLAMA, geo, false, Precision.FP32, ops, List.of())));
            int[] ids = new int[prompt];
            for (int i = 0; i < prompt; i++) {
                ids[i] = (i * 37 + 1) % geo.vocab();
            }
            try (OrtDecoder d = OrtDecoder.open(ModelFolder.read(dir), RuntimeOptions.cpu())) {
                double bestPrefill = Double.MAX_VALUE;
                double bestStep = Double.MAX_VALUE;
                for (int round = 0; round < 4; round++) {
                    d.reset();
                    long t0 = System.nanoTime();
                    last[ops.ordinal()] = d.forward(ids).clone();
                    long t1 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        d.forward(new int[] {(s * 13 + 5) % geo.vocab()});
                    }
                    long t2 = System.nanoTime();
                    if (round > 0) { // the first round warms up
                        bestPrefill = Math.min(bestPrefill, (t1 - t0) / 1e6);
                        bestStep = Math.min(bestStep, (t2 - t1) / 1e6 / steps);
                    }
                }
                System.out.printf(Locale.ROOT, "OPS %s %s: prefill %d tokens %.2f ms, decode %.3f ms/token%n", label, ops.cliName(),
                        prompt, bestPrefill, bestStep);
            }
        }
        System.out.printf(Locale.ROOT, "OPS %s: max |standard - fused| last logits %.3g%n", label,
                ExaoneImportTest.maxAbsDiff(last[0], last[1]));
    }
}
