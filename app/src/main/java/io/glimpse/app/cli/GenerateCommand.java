package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.Model;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.PromptTooLongException;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a language model from a folder and stream its text to stdout.",
                "Sampling defaults come from the model's config (generation_config.json, genai_config.json search,"
                        + " glimpse.json sampling); options override them."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model folder")
    Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "the prompt (default: standard input, without its final newline)")
    String prompt;

    @Option(names = "--chat", description = "wrap the prompt in the model's chat template (as a user turn)")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "system prompt (with --chat)")
    String system;

    @Option(names = "--max-tokens", paramLabel = "N", description = "most new tokens (default: 256, or what the context leaves)")
    Integer maxTokens;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--json", description = "print one JSON object at the end instead of streaming (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = prompt != null ? prompt : withoutFinalNewline(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        if (system != null && !chat) {
            throw new Main.UsageException("--system needs --chat");
        }
        samplingOptions.sampling(Map.of()); // bad sampling options fail here, before the model's slow load
        try (Model m = Model.open(model, runtime.options())) {
            SamplingParams sampling = samplingOptions.sampling(m.spec().sampling());
            if (m.decoder().fallbackReason() != null) {
                err.println("glimpse: warning: " + m.decoder().fallbackReason());
            }
            boolean addSpecial = true;
            if (chat) {
                ChatTemplate template = m.chatTemplate().orElseThrow(() -> new Main.UsageException(
                        "this model has no chat template Glimpse knows; name one in glimpse.json (chat_template: hcx-text or exaone-3) or drop --chat"));
                List<ChatMessage> messages = new ArrayList<>();
                if (system != null) {
                    messages.add(ChatMessage.system(system));
                }
                messages.add(ChatMessage.user(text));
                text = template.render(messages, true);
                addSpecial = false; // the template carries every special token itself
            }
            int max = maxTokens != null ? maxTokens : defaultMaxTokens(m, text, addSpecial);
            GenerationRequest request = new GenerationRequest(max, sampling, m.stopIds(), m.stopStrings());
            TextListener stream = json ? TextListener.NONE : piece -> {
                out.print(piece);
                out.flush();
            };
            GenerationResult r;
            try {
                r = m.generator().generate(text, addSpecial, request, stream, CancelToken.NONE);
            } catch (PromptTooLongException e) {
                throw new ModelFolderException(model, e.getMessage());
            }
            if (json) {
                out.println(Json.write(resultJson(r, m)));
            } else {
                out.println();
                if (r.error() != null) {
                    err.println("glimpse: generation failed: " + r.error());
                    return 1;
                }
            }
        }
        return 0;
    }

    /** 256, or what the context leaves after the prompt when that is less (at least 1). */
    private static int defaultMaxTokens(Model m, String text, boolean addSpecial) {
        int promptTokens = m.tokenizer().encode(text, addSpecial).length;
        return Math.min(256, Math.max(1, m.decoder().contextLength() - promptTokens));
    }

    /** `echo` and editors end the text with a newline the user did not mean as part of the prompt. */
    static String withoutFinalNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static ObjectNode resultJson(GenerationResult r, Model m) {
        ObjectNode n = Json.object();
        n.put("text", r.text());
        var ids = n.putArray("tokenIds");
        for (int id : r.tokenIds()) {
            ids.add(id);
        }
        n.put("finishReason", r.finishReason().name());
        n.put("promptTokens", r.promptTokens());
        n.put("generatedTokens", r.generatedTokens());
        ObjectNode t = n.putObject("timings");
        t.put("loadMs", Json.round(m.loadMs()));
        t.put("tokenizeMs", Json.round(r.timings().tokenizeMs()));
        t.put("prefillMs", Json.round(r.timings().prefillMs()));
        t.put("timeToFirstTokenMs", Json.round(r.timings().timeToFirstTokenMs()));
        t.put("decodeTokensPerSecond", Json.round(r.timings().decodeTokensPerSecond()));
        t.put("totalMs", Json.round(r.timings().totalMs()));
        n.put("provider", m.decoder().provider());
        if (m.decoder().fallbackReason() != null) {
            n.put("providerNote", m.decoder().fallbackReason());
        }
        if (r.error() != null) {
            n.put("error", r.error());
        }
        return n;
    }
}
