package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.glimpse.inference.Model;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.generate.PromptTooLongException;
import io.glimpse.inference.generate.TextListener;
import io.glimpse.inference.generate.TokenLogprobs;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--prompt-ids", paramLabel = "ID,ID...",
            description = "the prompt as token ids, sent exactly as given (no BOS, no template; standard input is not read)")
    String promptIds;

    @Option(names = "--max-tokens", paramLabel = "N", description = "most new tokens (default: 256, or what the context leaves)")
    Integer maxTokens;

    @Mixin
    SamplingOptions samplingOptions;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--top-logprobs", paramLabel = "K",
            description = "for each generated token, its logprob and the K (1-" + GenerationRequest.MAX_TOP_LOGPROBS
                    + ") most likely ids of the model's raw logits (in the JSON, or on stderr after the text)")
    Integer topLogprobs;

    private Runnable pendingRecord;

    @Option(names = "--no-record", description = "do not record this run in the run history (glimpse history)")
    boolean noRecord;

    @Option(names = "--json", description = "print one JSON object at the end instead of streaming (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] ids = promptIds == null ? null : parseIds(promptIds); // usage errors before stdin is read
        if (system != null && !chat) {
            throw new Main.UsageException("--system needs --chat");
        }
        if (topLogprobs != null && (topLogprobs < 1 || topLogprobs > GenerationRequest.MAX_TOP_LOGPROBS)) {
            throw new Main.UsageException("--top-logprobs must be between 1 and " + GenerationRequest.MAX_TOP_LOGPROBS
                    + ", got " + topLogprobs);
        }
        samplingOptions.sampling(Map.of()); // bad sampling options fail here, before the model's slow load
        String text = ids != null ? null
                : prompt != null ? prompt : withoutFinalNewline(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        long startedMillis = System.currentTimeMillis();
        try (Model m = Model.open(model, runtime.options())) {
            SamplingParams sampling = samplingOptions.sampling(m.spec().sampling());
            if (m.decoder().fallbackReason() != null) {
                err.println("glimpse: warning: " + m.decoder().fallbackReason());
            }
            if (ids != null) {
                checkVocabulary(ids, Math.min(m.decoder().vocabSize(), m.tokenizer().vocabSize()));
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
            int max = maxTokens != null ? maxTokens
                    : defaultMaxTokens(m, ids != null ? ids.length : m.tokenizer().encode(text, addSpecial).length);
            GenerationRequest request = new GenerationRequest(max, sampling, m.stopIds(), m.stopStrings(),
                    topLogprobs == null ? 0 : topLogprobs);
            TextListener stream = json ? TextListener.NONE : piece -> {
                out.print(piece);
                out.flush();
            };
            GenerationResult r;
            try {
                r = ids != null ? m.generator().generate(ids, request, stream, CancelToken.NONE)
                        : m.generator().generate(text, addSpecial, request, stream, CancelToken.NONE);
            } catch (PromptTooLongException e) {
                throw new ModelFolderException(model, e.getMessage());
            }
            if (!noRecord) {
                String question = prompt != null || ids == null ? (prompt != null ? prompt : "(stdin)") : "(prompt ids) " + promptIds;
                String sent = system;
                GenerationRequest asked = request;
                out.flush();
                Runnable record = () -> RunRecording.record(err, h -> io.glimpse.app.history.AskRuns.generate(startedMillis, model,
                        m.spec().source(), sent, question, asked, r));
                if (json) {
                    record.run();
                } else {
                    pendingRecord = record; // after the text and its summary line
                }
            }
            if (json) {
                out.println(Json.write(resultJson(r, m, topLogprobs != null)));
            } else {
                out.println();
                if (topLogprobs != null) {
                    printLogprobs(r.logprobs(), err);
                }
                err.println(summary(r));
                if (pendingRecord != null) {
                    pendingRecord.run();
                }
                if (r.error() != null) {
                    err.println("glimpse: generation failed: " + r.error());
                    return 1;
                }
            }
        }
        return 0;
    }

    /** The one-line figures of a run without --json (stdout keeps only the text). */
    static String summary(GenerationResult r) {
        var t = r.timings();
        return String.format(Locale.ROOT, "glimpse: %s; prompt %d tokens; %d generated; first token %.0f ms; %.1f tokens/s; total %.0f ms",
                r.finishReason(), r.promptTokens(), r.generatedTokens(), t.timeToFirstTokenMs(), t.decodeTokensPerSecond(),
                t.totalMs());
    }

    /** 256, or what the context leaves after the prompt when that is less (at least 1). */
    private static int defaultMaxTokens(Model m, int promptTokens) {
        return Math.min(256, Math.max(1, m.decoder().contextLength() - promptTokens));
    }

    /**
     * The ids of {@code --prompt-ids}: comma-separated integers (spaces around them allowed). Refuses the text-prompt
     * options beside it, an empty list and anything that is not an integer; the range is checked once the model is open.
     */
    private int[] parseIds(String list) {
        for (String[] other : new String[][] {{"--prompt", prompt}, {"--chat", chat ? "" : null}, {"--system", system}}) {
            if (other[1] != null) {
                throw new Main.UsageException("--prompt-ids cannot be combined with " + other[0]
                        + ": the ids are the whole prompt, sent as they are (no template, no BOS)");
            }
        }
        if (list.isBlank()) {
            throw new Main.UsageException("--prompt-ids is empty: give at least one token id");
        }
        String[] parts = list.split(",", -1);
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new Main.UsageException("--prompt-ids: '" + parts[i].strip()
                        + "' is not a token id (give integers separated by commas, e.g. 1,403,407)");
            }
        }
        return ids;
    }

    /** Every id must have a row in the model and a piece in the tokenizer: [0, min of both sizes). */
    private static void checkVocabulary(int[] ids, int vocabSize) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new Main.UsageException("--prompt-ids: token id " + id + " is outside the model's vocabulary of "
                        + vocabSize + " ids (0 to " + (vocabSize - 1) + ")");
            }
        }
    }

    /** The stderr form of {@code --top-logprobs} without {@code --json}: a header, then one tab-separated line per token. */
    static void printLogprobs(List<TokenLogprobs> logprobs, PrintWriter err) {
        err.println("step\tid\tpiece\tlogprob\ttop (id:logprob)");
        for (int i = 0; i < logprobs.size(); i++) {
            TokenLogprobs t = logprobs.get(i);
            StringBuilder top = new StringBuilder();
            for (TokenLogprobs.Candidate c : t.top()) {
                top.append(top.isEmpty() ? "" : " ").append(c.id()).append(':').append(logprob(c.logprob()));
            }
            err.println(i + "\t" + t.id() + "\t" + Json.write(TextNode.valueOf(t.piece())) + "\t" + logprob(t.logprob())
                    + "\t" + top);
        }
        err.flush();
    }

    private static String logprob(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** `echo` and editors end the text with a newline the user did not mean as part of the prompt. */
    static String withoutFinalNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static ObjectNode resultJson(GenerationResult r, Model m, boolean topLogprobs) {
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
        if (topLogprobs) {
            ArrayNode logprobs = n.putArray("logprobs");
            for (TokenLogprobs token : r.logprobs()) {
                ObjectNode x = logprobs.addObject();
                x.put("id", token.id());
                x.put("piece", token.piece());
                x.put("logprob", token.logprob()); // full precision: top[0].logprob equals it exactly under greedy decoding
                ArrayNode top = x.putArray("top");
                for (TokenLogprobs.Candidate c : token.top()) {
                    top.addObject().put("id", c.id()).put("logprob", c.logprob());
                }
            }
        }
        return n;
    }
}
