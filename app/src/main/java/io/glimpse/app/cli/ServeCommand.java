package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.serve.GlimpseServer;
import io.glimpse.app.serve.ServeOptions;
import io.glimpse.app.serve.ServePlans;
import io.glimpse.app.serve.ServeReporting;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.VisionLanguageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a vision-language model over an OpenAI-compatible HTTP API (docs/cli.md):",
                "POST /v1/chat/completions, GET /v1/models, and POST /v1/plan (the request's token ledger, nothing run).",
                "The model answers one request at a time; Ctrl+C stops the server."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model folder (docs/model-format.md)")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE}); "
            + "one reachable from other machines needs --api-key")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY", description = "require Authorization: Bearer KEY on every request")
    String apiKey;

    @Option(names = "--allow-files", description = "accept local file paths as image_url (default: data: URLs only)")
    boolean allowFiles;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "8", description = "requests that may wait while one runs; "
            + "more get 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_BODY_BYTES,
            description = "largest request body; larger get 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--max-image-bytes", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_IMAGE_BYTES,
            description = "largest decoded image; larger get 413 (default: ${DEFAULT-VALUE})")
    long maxImageBytes;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256",
            description = "answer tokens for a request without max_tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Mixin
    RuntimeMixin runtime;

    @Override
    public Integer call() throws Exception {
        ServeOptions options;
        try {
            options = new ServeOptions(host, port, apiKey, allowFiles, maxBodyBytes, maxImageBytes, queue, maxTokens);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage()); // before the model's slow load
        }
        PrintWriter err = spec.commandLine().getErr();
        long loadStart = System.nanoTime();
        try (VisionLanguageModel m = VisionLanguageModel.open(model, runtime.options());
             PlanContext plan = ServePlans.open(model)) {
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            if (m.decoder().fallbackReason() != null) {
                err.println("glimpse: warning: " + m.decoder().fallbackReason());
            }
            String id = model.toAbsolutePath().normalize().getFileName().toString();
            try (GlimpseServer server = GlimpseServer.start(options, m, plan, id, new SamplingOptions().sampling(m.spec().sampling()),
                    reporting(m.spec().notes(), loadMs))) {
                err.println("glimpse: serving " + id + " at http://" + host + ":" + server.port() + "/v1 (Ctrl+C stops)");
                err.flush();
                new CountDownLatch(1).await(); // until Ctrl+C ends the process
            }
        }
        return 0;
    }

    /** The ledger and timings in {@code glimpse ask --json}'s shape (docs/cli.md), for the server's {@code glimpse} fields. */
    public static ServeReporting reporting(List<String> notes, double loadMs) {
        return new ServeReporting() {
            @Override
            public JsonNode ledger(TokenLedger ledger) {
                return Json.ledger(ledger, notes);
            }

            @Override
            public JsonNode timings(AskResult result) {
                return AskJson.timings(result.timings(), loadMs);
            }
        };
    }

    /** {@code glimpse bench serve}: the load test of the closing figures (docs/cli.md). */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Concurrent streamed chats against glimpse serve of the generated probe model: requests served, "
                    + "errors, time to first byte, and the serving overhead against the same run in-process.")
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--streams", defaultValue = "16", description = "concurrent clients (default: ${DEFAULT-VALUE})")
        int streams;

        @Option(names = "--seconds", defaultValue = "60", description = "how long (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--tokens", defaultValue = "8", description = "greedy tokens per answer (default: ${DEFAULT-VALUE})")
        int tokens;

        @Option(names = "--queue", defaultValue = "8", description = "the server's --queue (default: ${DEFAULT-VALUE})")
        int queue;

        @Override
        public Integer call() throws Exception {
            io.glimpse.app.serve.LoadTest.run(spec.commandLine().getOut(), streams, seconds, tokens, queue, reporting(List.of(), 0));
            return 0;
        }
    }
}
