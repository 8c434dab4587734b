package io.glimpse.app.cli;

import io.glimpse.inference.importer.RandomCheckpoint;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The importer and what it writes, on a real geometry: writes a random-weight BF16 checkpoint of the
 * config, imports it once per variant (precision × op set) in a fresh JVM (time, size, peak RSS),
 * then runs each imported folder in a fresh JVM (load, prefill, time to first token, decode tokens/s,
 * loop overhead, peak RSS). Variants alternate within each repetition, so their ratios are measured
 * side by side; the spread over the repetitions is printed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import time, size, load time, time to first token and decode tokens/s per precision and op set, "
                + "on random weights of a real geometry (a config.json).")
final class ImportBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "CONFIG.json", description = "a Hugging Face config.json (Llama or EXAONE)")
    Path config;

    @Option(names = "--variants", split = ",", defaultValue = "fp32-standard,fp32-fused,int4-standard,int4-fused",
            description = "precision-ops pairs (default: ${DEFAULT-VALUE})")
    List<String> variants;

    @Option(names = "--prompt", defaultValue = "512", description = "prompt tokens (default: ${DEFAULT-VALUE})")
    int prompt;

    @Option(names = "--tokens", defaultValue = "128", description = "generated tokens (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--rounds", defaultValue = "2", description = "timed rounds per run after one warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--repeat", defaultValue = "3", description = "repetitions of the whole set of runs (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--image", defaultValue = "1280x720",
            description = "vision-language configs: the question's picture, WxH (default: ${DEFAULT-VALUE}); --prompt is then unused")
    String image;

    @Option(names = "--work", paramLabel = "DIR", description = "where to write the checkpoint and imports (default: a temp folder, deleted after)")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temp = work == null;
        Path dir = temp ? Files.createTempDirectory("glimpse-bench-import") : work;
        try {
            Path ckpt = dir.resolve("checkpoint");
            long t0 = System.nanoTime();
            com.fasterxml.jackson.databind.JsonNode cfg = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile());
            boolean vision = cfg.path("architectures").path(0).asText().equals("HCXVisionForCausalLM");
            long params = RandomCheckpoint.write(config, ckpt, 0, vision ? hcxTokens(cfg) : Map.of(), CancelToken.NONE);
            out.printf(Locale.ROOT, "random BF16 checkpoint of %s: %,d parameters, %.1f GB, written in %.1f s%n", config, params,
                    Files.size(ckpt.resolve("model.safetensors")) / 1e9, (System.nanoTime() - t0) / 1e9);
            out.flush();
            Map<String, List<Map<String, String>>> imports = new LinkedHashMap<>();
            Map<String, List<Map<String, String>>> runs = new LinkedHashMap<>();
            for (String v : variants) {
                String[] pv = variant(v);
                Path folder = dir.resolve("import-" + v);
                imports.computeIfAbsent(v, k -> new ArrayList<>()).add(BenchChildren.run(List.of("import-child",
                        ckpt.toString(), "--out", folder.toString(), "--precision", pv[0], "--ops", pv[1])));
            }
            for (int r = 0; r < repeat; r++) {
                for (String v : variants) {
                    List<String> args = new ArrayList<>(List.of("run-child",
                            dir.resolve("import-" + v).toString(), "--prompt", Integer.toString(prompt), "--tokens",
                            Integer.toString(tokens), "--rounds", Integer.toString(rounds), "--threads", Integer.toString(threads)));
                    if (vision) {
                        args.addAll(List.of("--image", image));
                    }
                    runs.computeIfAbsent(v, k -> new ArrayList<>()).add(BenchChildren.run(args));
                }
            }
            new ImportBenchmarkReport(out, imports, runs, threads, prompt, tokens, repeat).print();
        } finally {
            if (temp) {
                BenchChildren.deleteTree(dir);
            }
        }
        return 0;
    }

    /** The HCX placeholders and turn tokens at the ids config.json gives (or the HCX tokenizer's), so the imported folder runs. */
    private static Map<Integer, String> hcxTokens(com.fasterxml.jackson.databind.JsonNode cfg) {
        Map<Integer, String> t = new LinkedHashMap<>();
        t.put(cfg.path("image_token_id").asInt(100271), "<|dummy3|>");
        t.put(cfg.path("video_token_id").asInt(100270), "<|_unuse_missing_100270|>");
        t.put(100272, "<|endofturn|>");
        t.put(100273, "<|stop|>");
        t.put(100274, "<|im_start|>");
        t.put(100275, "<|im_end|>");
        return t;
    }

    private static String[] variant(String v) {
        String[] pv = v.split("-");
        if (pv.length != 2) {
            throw new Main.UsageException("variant '" + v + "' is not PRECISION-OPS, e.g. int4-fused");
        }
        return pv;
    }

    /** Median and range of a figure over repetitions. */
    static double[] spread(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new double[] {median, s[0], s[s.length - 1]};
    }
}
