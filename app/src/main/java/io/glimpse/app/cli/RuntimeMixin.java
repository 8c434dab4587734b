package io.glimpse.app.cli;

import io.glimpse.inference.model.RuntimeOptions;
import picocli.CommandLine.Option;

/** Where ONNX Runtime runs: the {@code --cuda} and {@code --threads} options of the commands that run a model. */
final class RuntimeMixin {
    @Option(names = "--cuda", description = "run on CUDA when available (falls back to CPU, saying why)")
    boolean cuda;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "intra-op threads (default: 0 = ONNX Runtime decides)")
    int threads;

    RuntimeOptions options() {
        return new RuntimeOptions(cuda, threads);
    }
}
