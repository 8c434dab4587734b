package io.glimpse.app.cli;

import io.glimpse.inference.Model;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.importer.ImportListener;
import io.glimpse.inference.importer.ImportOptions;
import io.glimpse.inference.importer.ImportReport;
import io.glimpse.inference.importer.Importer;
import io.glimpse.inference.importer.Ops;
import io.glimpse.inference.importer.Precision;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.AskTimings;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The two fresh-JVM steps of {@link ImportBenchmark}; each prints {@code key value} lines. */
final class ImportBenchChildren {
    private ImportBenchChildren() {
    }

    /** One import: seconds, bytes written, peak RSS. */
    @Command(name = "import-child", hidden = true)
    static final class ImportChild implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters
        Path source;
        @Option(names = "--out", required = true)
        Path out;
        @Option(names = "--precision", required = true)
        String precision;
        @Option(names = "--ops", required = true)
        String ops;

        @Override
        public Integer call() throws Exception {
            ImportReport r = new Importer().run(source, out, ImportOptions.defaults().withPrecision(Precision.fromCliName(precision))
                    .withOps(Ops.fromCliName(ops)).withForce(true), ImportListener.NONE, CancelToken.NONE);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "importSeconds %.3f%n", r.seconds());
            w.printf("bytes %d%n", r.totalBytes());
            w.printf("parameters %d%n", r.parameters());
            w.printf("peakRssKb %d%n", BenchChildren.peakRssKb());
            return 0;
        }
    }

    /** Runs an imported folder: load, then greedy rounds over a random prompt; the best round's figures. */
    @Command(name = "run-child", hidden = true)
    static final class RunChild implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters
        Path model;
        @Option(names = "--prompt", required = true)
        int prompt;
        @Option(names = "--tokens", required = true)
        int tokens;
        @Option(names = "--rounds", required = true)
        int rounds;
        @Option(names = "--threads", required = true)
        int threads;
        @Option(names = "--image", description = "WxH: a vision-language folder, asked about a generated picture of that size")
        String image;

        @Override
        public Integer call() throws Exception {
            if (image != null) {
                return askImage();
            }
            long start = System.nanoTime();
            try (Model m = Model.open(model, new RuntimeOptions(false, threads))) {
                double loadMs = (System.nanoTime() - start) / 1e6;
                SplittableRandom random = new SplittableRandom(7);
                int vocab = m.decoder().vocabSize();
                int[] ids = new int[prompt];
                for (int i = 0; i < prompt; i++) {
                    ids[i] = 1 + random.nextInt(vocab - 1);
                }
                // As llama-bench measures: the prompt's prefill (pp) alone, and generation (tg) from an empty
                // context (a 1-token prompt); plus generation after the long prompt, where the cache is long.
                // Stop ids are ignored, so every round generates exactly the tokens asked for.
                GenerationRequest one = new GenerationRequest(1, SamplingParams.greedy(), Set.of(), List.of());
                GenerationRequest request = new GenerationRequest(tokens, SamplingParams.greedy(), Set.of(), List.of());
                double prefill = Double.MAX_VALUE;
                double ttft = Double.MAX_VALUE;
                double decode = 0;
                double decodeLong = 0;
                double overhead = Double.MAX_VALUE;
                for (int r = 0; r <= rounds; r++) {
                    GenerationResult p = m.generator().generate(ids, one, TextListener.NONE, CancelToken.NONE);
                    GenerationResult g = m.generator().generate(new int[] {ids[0]}, request, TextListener.NONE, CancelToken.NONE);
                    GenerationResult gl = m.generator().generate(ids, request, TextListener.NONE, CancelToken.NONE);
                    if (r == 0) {
                        continue; // warm-up
                    }
                    prefill = Math.min(prefill, p.timings().prefillMs());
                    ttft = Math.min(ttft, p.timings().timeToFirstTokenMs());
                    var t = g.timings();
                    decode = Math.max(decode, t.decodeTokensPerSecond());
                    decodeLong = Math.max(decodeLong, gl.timings().decodeTokensPerSecond());
                    overhead = Math.min(overhead, (t.decodeWallMs() - t.decodeRuntimeMs()) / t.decodeRuntimeMs());
                }
                PrintWriter w = spec.commandLine().getOut();
                w.printf(Locale.ROOT, "loadMs %.1f%n", loadMs);
                w.printf(Locale.ROOT, "prefillMs %.1f%n", prefill);
                w.printf(Locale.ROOT, "prefillTokensPerSecond %.1f%n", prompt / (prefill / 1000));
                w.printf(Locale.ROOT, "ttftMs %.1f%n", ttft);
                w.printf(Locale.ROOT, "decodeTokensPerSecond %.2f%n", decode);
                w.printf(Locale.ROOT, "decodeAfterPromptTokensPerSecond %.2f%n", decodeLong);
                w.printf(Locale.ROOT, "loopOverheadPercent %.2f%n", overhead * 100);
                w.printf("peakRssKb %d%n", BenchChildren.peakRssKb());
                w.printf("rssKb %d%n", BenchChildren.rssKb());
            }
            return 0;
        }

        /** One image question per round: time to first token by stage, decode tokens/s. */
        private int askImage() throws Exception {
            String[] wh = image.split("x");
            Path picture = java.nio.file.Files.createTempFile("glimpse-bench", ".png");
            try {
                BenchPictures.photoLike(picture, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                long start = System.nanoTime();
                try (VisionLanguageModel m = VisionLanguageModel.open(model, new RuntimeOptions(false, threads))) {
                    double loadMs = (System.nanoTime() - start) / 1e6;
                    GenerationRequest answer = new GenerationRequest(tokens, SamplingParams.greedy(), Set.of(), List.of());
                    AskRequest request = AskRequest.of("Describe the picture.", answer).withImage(picture, "");
                    AskResult best = null;
                    for (int r = 0; r <= rounds; r++) {
                        AskResult result = m.ask(request, AskListener.NONE, CancelToken.NONE);
                        if (r > 0 && (best == null || result.timings().timeToFirstTokenMs() < best.timings().timeToFirstTokenMs())) {
                            best = result;
                        }
                    }
                    AskTimings t = best.timings();
                    PrintWriter w = spec.commandLine().getOut();
                    w.printf(Locale.ROOT, "loadMs %.1f%n", loadMs);
                    w.printf("promptTokens %d%n", best.generation().promptTokens());
                    w.printf("visualTokens %d%n", best.ledger().visualTokens());
                    w.printf(Locale.ROOT, "preprocessMs %.1f%n", t.mediaDecodeMs() + t.preprocessMs());
                    w.printf(Locale.ROOT, "visionEncodeMs %.1f%n", t.visionEncodeMs());
                    w.printf(Locale.ROOT, "prefillMs %.1f%n", t.prefillMs());
                    w.printf(Locale.ROOT, "prefillTokensPerSecond %.1f%n", best.generation().promptTokens() / (t.prefillMs() / 1000));
                    w.printf(Locale.ROOT, "ttftMs %.1f%n", t.timeToFirstTokenMs());
                    w.printf(Locale.ROOT, "decodeTokensPerSecond %.2f%n", t.decodeTokensPerSecond());
                    w.printf(Locale.ROOT, "loopOverheadPercent %.2f%n", 100 * (t.decodeMs() - t.decodeRuntimeMs()) / t.decodeRuntimeMs());
                    w.printf("peakRssKb %d%n", BenchChildren.peakRssKb());
                }
            } finally {
                java.nio.file.Files.deleteIfExists(picture);
            }
            return 0;
        }
    }
}
