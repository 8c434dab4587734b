package io.glimpse.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@link ImportBenchmark}'s figures: per variant the median [min–max] over repetitions, then ratios. */
final class ImportBenchmarkReport {
    private final PrintWriter out;
    private final Map<String, List<Map<String, String>>> imports;
    private final Map<String, List<Map<String, String>>> runs;
    private final int threads;
    private final int prompt;
    private final int tokens;
    private final int repeat;

    ImportBenchmarkReport(PrintWriter out, Map<String, List<Map<String, String>>> imports,
                          Map<String, List<Map<String, String>>> runs, int threads, int prompt, int tokens, int repeat) {
        this.out = out;
        this.imports = imports;
        this.runs = runs;
        this.threads = threads;
        this.prompt = prompt;
        this.tokens = tokens;
        this.repeat = repeat;
    }

    void print() {
        out.printf(Locale.ROOT, "%d intra-op threads, prompt %d tokens, %d generated; run figures: median [min-max] of %d fresh JVMs%n",
                threads, prompt, tokens, repeat);
        out.printf(Locale.ROOT, "prefill = the prompt alone (llama-bench pp); decode = %d tokens from a 1-token prompt (llama-bench tg);"
                + " decode@%d = the same after the %d-token prompt%n", tokens, prompt, prompt);
        out.printf(Locale.ROOT, "%-15s %9s %10s %9s %8s | %8s %20s %20s %20s %14s %12s %9s %9s%n", "variant", "import s", "size MB",
                "imp. RSS", "", "load ms", "prefill tok/s", "decode tok/s", "decode@" + prompt + " tok/s", "TTFT ms", "overhead %",
                "peak MB", "end MB");
        for (String v : runs.keySet()) {
            Map<String, String> imp = imports.get(v).get(0);
            out.printf(Locale.ROOT, "%-15s %9.1f %10.1f %9.0f %8s | %8.0f %20s %20s %20s %14s %12s %9.0f %9s%n", v,
                    num(imp, "importSeconds"), num(imp, "bytes") / 1e6, num(imp, "peakRssKb") / 1024, "",
                    spread(v, "loadMs")[0], text(v, "prefillTokensPerSecond", 1), text(v, "decodeTokensPerSecond", 1),
                    runs.get(v).get(0).containsKey("decodeAfterPromptTokensPerSecond") ? text(v, "decodeAfterPromptTokensPerSecond", 1) : "-",
                    text(v, "ttftMs", 0), text(v, "loopOverheadPercent", 2), spread(v, "peakRssKb")[2] / 1024,
                    runs.get(v).get(0).containsKey("rssKb") ? String.format(Locale.ROOT, "%.0f", spread(v, "rssKb")[2] / 1024) : "-");
        }
        for (String v : runs.keySet()) {
            Map<String, String> first = runs.get(v).get(0);
            if (first.containsKey("visionEncodeMs")) {
                out.printf(Locale.ROOT, "%-15s TTFT = image decode+preprocess %s + vision encode %s + prefill %s ms; %s prompt tokens (%s visual)%n",
                        v, text(v, "preprocessMs", 0), text(v, "visionEncodeMs", 0), text(v, "prefillMs", 0),
                        first.get("promptTokens"), first.get("visualTokens"));
            }
        }
        ratio("int4-fused", "fp32-fused", "decodeTokensPerSecond", "int4 / fp32 decode (fused)");
        ratio("int4-standard", "fp32-standard", "decodeTokensPerSecond", "int4 / fp32 decode (standard)");
        ratio("fp32-fused", "fp32-standard", "decodeTokensPerSecond", "fused / standard decode (fp32)");
        ratio("int4-fused", "int4-standard", "decodeAfterPromptTokensPerSecond", "fused / standard decode@prompt (int4)");
        ratio("int4-fused", "int4-standard", "decodeTokensPerSecond", "fused / standard decode (int4)");
        ratio("int4-fused", "int4-standard", "prefillTokensPerSecond", "fused / standard prefill (int4)");
        out.flush();
    }

    /** The ratio of a figure between two variants, repetition by repetition (they ran side by side). */
    private void ratio(String a, String b, String key, String label) {
        if (!runs.containsKey(a) || !runs.containsKey(b)) {
            return;
        }
        double[] r = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            r[i] = num(runs.get(a).get(i), key) / num(runs.get(b).get(i), key);
        }
        double[] s = ImportBenchmark.spread(r);
        out.printf(Locale.ROOT, "%-34s %.2fx [%.2f-%.2f]%n", label + ":", s[0], s[1], s[2]);
    }

    private double[] spread(String v, String key) {
        List<Map<String, String>> rs = runs.get(v);
        double[] x = new double[rs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = num(rs.get(i), key);
        }
        return ImportBenchmark.spread(x);
    }

    private String text(String v, String key, int decimals) {
        double[] s = spread(v, key);
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " [" + f + "-" + f + "]", s[0], s[1], s[2]);
    }

    private static double num(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalStateException("benchmark child printed no " + key + ": " + m);
        }
        return Double.parseDouble(v);
    }
}
