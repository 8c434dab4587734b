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
 * between them, and the imports' distance to the fixtures' references. A measurement, not a check: its
 * name keeps it out of the default test run, and it needs {@code -Dglimpse.bench=true}:
 * {@code mvn -pl inference -am verify -Dtest=OpsSpeedCheck -Dglimpse.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
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
        try (Checkpoint c = Checkpoint.open(HfFixtures.folder("stories260K-llama"))) {
            run("stories260K", c, DecoderGeometry.read(c.config(), DecoderArchitectures.LLAMA.keys(), Path.of("config.json")), 5, 60);
        }
        var wide = SafetensorsWriter.tinyLlamaConfig().put("hidden_size", 1024).put("intermediate_size", 2816).put("num_hidden_layers", 4)
                .put("num_attention_heads", 16).put("num_key_value_heads", 4).put("head_dim", 64).put("vocab_size", 8192)
                .put("max_position_embeddings", 2048).put("tie_word_embeddings", true);
        WeightSource w = new RandomWeights(wide);
        run("wide random (D 1024, 4 layers, 16/4 heads of 64)", w,
                DecoderGeometry.read(wide, DecoderArchitectures.LLAMA.keys(), Path.of("config.json")), 512, 64);
        var longContext = SafetensorsWriter.tinyLlamaConfig().put("hidden_size", 512).put("intermediate_size", 1408)
                .put("num_hidden_layers", 2).put("num_attention_heads", 8).put("num_key_value_heads", 2).put("head_dim", 64)
                .put("vocab_size", 2048).put("max_position_embeddings", 4096).put("tie_word_embeddings", true);
        run("long context (D 512, 2 layers, 8/2 heads of 64, 1536-token prompt)", new RandomWeights(longContext),
                DecoderGeometry.read(longContext, DecoderArchitectures.LLAMA.keys(), Path.of("config.json")), 1536, 64);
    }

    @Test
    void referenceDifferences() throws Exception {
        assumeTrue(Boolean.getBoolean("glimpse.bench"), "measurement; run with -Dglimpse.bench=true");
        Path exaone = HfFixtures.folder("tiny-exaone");
        float[] koRow = io.glimpse.inference.vision.Npy.readVector(exaone.resolve("logits_last_ko_chat.npy"));
        JsonNode ko = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exaone.resolve("reference.json").toFile())
                .get("cases").get(0);
        int[] ids = new int[ko.get("input_ids").size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ko.get("input_ids").get(i).asInt();
        }
        float[] storiesTop = {17.799402f, 14.281261f, 9.709653f, 9.587292f, 9.134239f, 8.934916f, 8.635524f, 8.625169f,
                8.586620f, 8.552523f};
        int[] storiesIds = {432, 383, 322, 353, 323, 298, 387, 426, 335, 358};
        for (Ops ops : Ops.values()) {
            Path out = tmp.resolve("exaone-" + ops);
            new Importer().run(exaone, out, ImportOptions.defaults().withOps(ops).withPrecision(Precision.FP32),
                    ImportListener.NONE, io.glimpse.media.CancelToken.NONE);
            try (OrtDecoder d = OrtDecoder.open(ModelFolder.read(out), RuntimeOptions.cpu())) {
                System.out.printf(Locale.ROOT, "REF tiny-exaone %s: max |logits - reference| over the ko_chat row %.3g%n",
                        ops.cliName(), ExaoneImportTest.maxAbsDiff(d.forward(ids), koRow));
            }
            Path st = tmp.resolve("stories-" + ops);
            new Importer().run(HfFixtures.folder("stories260K-llama"), st, ImportOptions.defaults().withOps(ops)
                    .withPrecision(Precision.FP32), ImportListener.NONE, io.glimpse.media.CancelToken.NONE);
            try (OrtDecoder d = OrtDecoder.open(ModelFolder.read(st), RuntimeOptions.cpu())) {
                float[] logits = d.forward(HfFixtures.STORIES_PROMPT);
                double worst = 0;
                for (int i = 0; i < 10; i++) {
                    worst = Math.max(worst, Math.abs(logits[storiesIds[i]] - storiesTop[i]));
                }
                System.out.printf(Locale.ROOT, "REF stories260K %s: max |top-10 logits - README| %.3g%n", ops.cliName(), worst);
            }
        }
    }

    private void run(String label, WeightSource w, DecoderGeometry geo, int prompt, int steps) throws Exception {
        OrtDecoder[] decoders = new OrtDecoder[2];
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
            decoders[ops.ordinal()] = OrtDecoder.open(ModelFolder.read(dir), RuntimeOptions.cpu());
        }
        int[] ids = new int[prompt];
        for (int i = 0; i < prompt; i++) {
            ids[i] = (i * 37 + 1) % geo.vocab();
        }
        int rounds = 9;
        double[][] prefill = new double[2][rounds];
        double[][] step = new double[2][rounds];
        float[][] last = new float[2][];
        try {
            // the op sets alternate round by round, so a load change on the shared machine hits both alike
            for (int round = -1; round < rounds; round++) {
                for (int o = 0; o < 2; o++) {
                    OrtDecoder d = decoders[o];
                    d.reset();
                    long t0 = System.nanoTime();
                    last[o] = d.forward(ids).clone();
                    long t1 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        d.forward(new int[] {(s * 13 + 5) % geo.vocab()});
                    }
                    long t2 = System.nanoTime();
                    if (round >= 0) { // round -1 warms up
                        prefill[o][round] = (t1 - t0) / 1e6;
                        step[o][round] = (t2 - t1) / 1e6 / steps;
                    }
                }
            }
        } finally {
            decoders[0].close();
            decoders[1].close();
        }
        for (Ops ops : Ops.values()) {
            System.out.printf(Locale.ROOT, "OPS %s %s: prefill %d tokens median %.2f ms, decode median %.3f ms/token (%d rounds)%n",
                    label, ops.cliName(), prompt, median(prefill[ops.ordinal()]), median(step[ops.ordinal()]), rounds);
        }
        System.out.printf(Locale.ROOT, "OPS %s: max |standard - fused| last logits %.3g%n", label,
                ExaoneImportTest.maxAbsDiff(last[0], last[1]));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
