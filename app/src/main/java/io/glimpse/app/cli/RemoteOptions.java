package io.glimpse.app.cli;

import picocli.CommandLine.Option;

/** {@code ask}'s options for answering on an OpenAI-compatible server instead of a local folder (docs/remote.md). */
final class RemoteOptions {
    @Option(names = "--endpoint", paramLabel = "URL", description = "answer on this OpenAI-compatible server (vLLM, llama.cpp, "
            + "glimpse serve) instead of a local folder; --model DIR is then optional and only prices the request (docs/remote.md)")
    String endpoint;

    @Option(names = "--api-key", paramLabel = "KEY", description = "bearer token for --endpoint (default: $OPENAI_API_KEY when set)")
    String apiKey;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "the model name sent to --endpoint (default: the first one its /v1/models lists)")
    String remoteModel;

    @Option(names = "--remote-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long --endpoint may take to connect and answer, and stay silent mid-answer (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    String apiKey() {
        return apiKey != null ? apiKey : System.getenv("OPENAI_API_KEY");
    }
}
