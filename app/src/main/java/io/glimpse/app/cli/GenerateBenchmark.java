package io.glimpse.app.cli;

import io.glimpse.inference.Model;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prefill and decode speed of a model folder, and the generation loop's overhead: (wall time of
 * the decode loop − time inside ONNX Runtime) / time inside ONNX Runtime. Greedy, stop ids
 * ignored, so every round generates exactly the same tokens.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Prefill tokens/s, decode tokens/s and the loop's overhead over ONNX Runtime, best of several rounds.")
final class GenerateBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR")
    Path model;

    @Option(names = "--prompt", defaultValue = "Once upon a time", description = "prompt (default: ${DEFAULT-VALUE})")
    String prompt;

    @Option(names = "--tokens", defaultValue = "200", description = "tokens to generate per round (default: ${DEFAULT-VALUE}; capped by the context)")
    int tokens;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds after one warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads (default: 0 = ONNX Runtime decides)")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Model m = Model.open(model, new RuntimeOptions(false, threads))) {
            int promptTokens = m.tokenizer().encode(prompt, true).length;
            int n = Math.min(tokens, m.decoder().contextLength() - promptTokens);
            GenerationRequest request = new GenerationRequest(n, SamplingParams.greedy(), Set.of(), List.of());
            double bestPrefill = 0;
            double bestDecode = 0;
            double bestOverhead = Double.MAX_VALUE;
            double medianBase = 0;
            for (int r = 0; r <= rounds; r++) {
                GenerationResult g = m.generator().generate(prompt, true, request, TextListener.NONE, CancelToken.NONE);
                if (r == 0) {
                    continue; // warm-up: JIT and ONNX Runtime's first-run allocations
                }
                var t = g.timings();
                bestPrefill = Math.max(bestPrefill, g.promptTokens() / (t.prefillMs() / 1000));
                bestDecode = Math.max(bestDecode, t.decodeTokensPerSecond());
                double overhead = (t.decodeWallMs() - t.decodeRuntimeMs()) / t.decodeRuntimeMs();
                if (overhead < bestOverhead) {
                    bestOverhead = overhead;
                    medianBase = t.decodeRuntimeMs();
                }
            }
            out.printf(Locale.ROOT, "model: %s (%s), %d prompt tokens, %d generated per round, %d rounds%n",
                    model, m.spec().source(), promptTokens, n, rounds);
            out.printf(Locale.ROOT, "prefill:        %10.1f tokens/s%n", bestPrefill);
            out.printf(Locale.ROOT, "decode:         %10.1f tokens/s%n", bestDecode);
            out.printf(Locale.ROOT, "loop overhead:  %10.2f %% of the time inside ONNX Runtime (%.1f ms of runs; target <= 3 %%)%n",
                    bestOverhead * 100, medianBase);
        }
        return 0;
    }
}
