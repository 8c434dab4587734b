package io.glimpse.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * A model folder's own Jinja {@code chat_template} (from {@code tokenizer_config.json}), rendered the
 * way Hugging Face's {@code apply_chat_template} does: variables {@code messages} (maps with
 * {@code role} and {@code content}), {@code add_generation_prompt}, the special tokens
 * ({@code bos_token}, {@code eos_token}, {@code pad_token}, {@code unk_token} when configured),
 * functions {@code raise_exception(msg)} and {@code strftime_now(fmt)}; {@code trim_blocks} and
 * {@code lstrip_blocks} on, a single trailing newline of the template dropped (Jinja2's default).
 *
 * <p>The engine is Jinjava, adjusted where it differs from Jinja2 in ways real chat templates hit:
 * Python string methods and {@code s[i]} ({@link PythonStrings}), {@code |trim} and {@code |length}
 * with Python's whitespace and code points, {@code not x in y} (Jinjava binds {@code not} to
 * {@code x}; rewritten to {@code x not in y}), the dashes of {@code {{- x -}}}, and no second
 * rendering of values (a message containing {@code {{ }}} stays text). Known remaining
 * differences (see {@code JinjaChatTemplateTest.knownDifferencesFromJinja2AreAsDocumented}):
 * booleans print as {@code true}/{@code false} and {@code none} as nothing (Jinja2: {@code True},
 * {@code None}); a variable {@code set} inside a loop body keeps its value into the next iteration
 * (Jinja2 resets it; templates that carry state across iterations use {@code namespace}, which
 * behaves the same); {@code 'x' * 3} fails; {@code tojson} omits Python's spaces after {@code ,}
 * and {@code :} (only tools/documents are dumped that way, and Glimpse passes neither); template
 * text keeps {@code \r\n} (Jinja2 turns it into {@code \n}).
 *
 * <p>Stop strings: the {@code eos_token} text when the folder defines one, otherwise none. That
 * ends the assistant's turn for HCX-SEED ({@code <|endofturn|>}), EXAONE ({@code [|endofturn|]})
 * and Llama-2 ({@code </s>}); a template whose turns end with another token (Phi-3's
 * {@code <|end|>}, while its eos is {@code <|endoftext|>}) needs the stop strings declared in the
 * folder's glimpse.json as well. Immutable and thread-safe.
 */
public final class JinjaChatTemplate implements ChatTemplate {
    private static final Jinjava JINJAVA = createEngine();
    private static final Pattern TAG = Pattern.compile("\\{[{%].*?[%}]\\}", Pattern.DOTALL);
    // `not <operand> in` where <operand> is a literal or a name with subscripts/attributes.
    private static final Pattern NOT_IN = Pattern.compile(
            "\\bnot\\s+('[^']*'|\"[^\"]*\"|[A-Za-z_][\\w.]*(?:\\[[^\\]]*\\])*)\\s+in\\b");
    private static final List<String> SPECIAL_TOKENS = List.of("bos_token", "eos_token", "pad_token", "unk_token");

    private final String name;
    private final String source;
    private final Map<String, String> specialTokens;
    private final List<String> stopStrings;

    /**
     * @param name           shown to the user, e.g. the folder name
     * @param template       the Jinja source
     * @param specialTokens  {@code bos_token} etc. as plain strings (absent keys stay undefined)
     * @throws IllegalArgumentException when the template does not parse (one line, fit to show)
     */
    public JinjaChatTemplate(String name, String template, Map<String, String> specialTokens) {
        this.name = name;
        this.source = rewriteNotIn(dropTrailingNewline(template));
        this.specialTokens = Map.copyOf(specialTokens);
        String eos = specialTokens.get("eos_token");
        this.stopStrings = eos == null || eos.isEmpty() ? List.of() : List.of(eos);
        JinjavaInterpreter interpreter = JINJAVA.newInterpreter();
        interpreter.parse(source);
        interpreter.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).findFirst()
                .ifPresent(e -> {
                    throw new IllegalArgumentException("the chat template does not parse: " + oneLine(e));
                });
    }

    /**
     * Reads {@code chat_template} from the folder's {@code tokenizer_config.json}; empty when the
     * file or the key is missing. A list of named templates (newer format) yields {@code default}.
     */
    public static Optional<JinjaChatTemplate> fromTokenizerConfig(Path folder) throws ModelFolderException {
        Path file = folder.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFolderException(folder, "tokenizer_config.json is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        JsonNode t = config.path("chat_template");
        String template = null;
        if (t.isTextual()) {
            template = t.asText();
        } else if (t.isArray()) {
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    template = named.get("template").asText();
                }
            }
            if (template == null) {
                throw new ModelFolderException(folder, "tokenizer_config.json lists chat templates but none named \"default\"");
            }
        } else if (!t.isMissingNode() && !t.isNull()) {
            throw new ModelFolderException(folder, "chat_template in tokenizer_config.json is neither text nor a list");
        }
        if (template == null) {
            return Optional.empty();
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String key : SPECIAL_TOKENS) {
            // A token is either "text" or an AddedToken object {"content": "text", ...}.
            JsonNode v = config.path(key);
            JsonNode text = v.isObject() ? v.path("content") : v;
            if (text.isTextual()) {
                tokens.put(key, text.asText());
            }
        }
        try {
            return Optional.of(new JinjaChatTemplate(folder.getFileName().toString(), template, tokens));
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(folder, "tokenizer_config.json: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> stopStrings() {
        return stopStrings;
    }

    /**
     * @throws IllegalArgumentException with the template's own message when it calls
     *         {@code raise_exception} (e.g. roles that do not alternate), or when rendering fails
     */
    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            list.add(map);
        }
        return renderMessages(list, addGenerationPrompt);
    }

    /**
     * Renders messages given as Hugging Face does: maps with {@code role} and {@code content}, where
     * content may also be a list of parts ({@code {"type": "image", ...}}, {@code {"type": "text",
     * "text": ...}}) for multimodal templates.
     *
     * @throws IllegalArgumentException as {@link #render}
     */
    public String renderMessages(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        Map<String, Object> context = new LinkedHashMap<>(specialTokens);
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = JINJAVA.renderForResult(source, context);
        for (TemplateError e : result.getErrors()) {
            for (Throwable c = e.getException(); c != null; c = c.getCause()) {
                if (c instanceof TemplateRaised raised) {
                    throw new IllegalArgumentException(raised.getMessage());
                }
            }
        }
        result.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).findFirst()
                .ifPresent(e -> {
                    throw new IllegalArgumentException("the " + name + " chat template failed: " + oneLine(e));
                });
        return result.getOutput();
    }

    /**
     * Jinja2 (keep_trailing_newline=False) drops one newline at the end of the template source.
     * Jinjava's own option trims the rendered output instead, which would eat a newline the
     * template prints on purpose (ChatML's final "\n"), so it is done here.
     */
    static String dropTrailingNewline(String template) {
        if (template.endsWith("\r\n")) {
            return template.substring(0, template.length() - 2);
        }
        return template.endsWith("\n") || template.endsWith("\r") ? template.substring(0, template.length() - 1) : template;
    }

    /** Jinja2 parses {@code not a in b} as {@code not (a in b)}; Jinjava as {@code (not a) in b}. */
    static String rewriteNotIn(String template) {
        Matcher tags = TAG.matcher(template);
        StringBuilder out = new StringBuilder();
        while (tags.find()) {
            String fixed = NOT_IN.matcher(tags.group()).replaceAll("$1 not in");
            tags.appendReplacement(out, Matcher.quoteReplacement(fixed));
        }
        tags.appendTail(out);
        return out.toString();
    }

    private static String oneLine(TemplateError e) {
        String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        return e.getLineno() > 0 ? msg + " (line " + e.getLineno() + ")" : msg;
    }

    /** What {@code raise_exception} throws; its message is the template author's. */
    static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message);
        }
    }

    public static String raiseException(String message) {
        throw new TemplateRaised(message);
    }

    public static String strftimeNow(String format) {
        return Strftime.format(format, java.time.LocalDateTime.now());
    }

    private static Jinjava createEngine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStrings());
        resolver.add(com.hubspot.jinjava.el.JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                // Jinjava would otherwise render "{{ ... }}" found inside a value (a user's message) again.
                .withNestedInterpretationEnabled(false)
                // Jinjava ignores the dashes of {{- x -}} (and {#- -#}) unless told otherwise.
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true).build())
                .build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                JinjaChatTemplate.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                JinjaChatTemplate.class, "strftimeNow", String.class));
        Filter builtInLength = jinjava.getGlobalContext().getFilter("length");
        jinjava.getGlobalContext().registerFilter(new Filter() {
            @Override
            public String getName() {
                return "length";
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                // Python counts code points: len('😀') == 1, Java's length() says 2.
                return var instanceof String s ? (Object) (long) s.codePointCount(0, s.length())
                        : builtInLength.filter(var, interpreter, args);
            }
        });
        jinjava.getGlobalContext().registerFilter(new Filter() {
            @Override
            public String getName() {
                return "trim";
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                // Jinja2's trim is str.strip(chars): Unicode whitespace (U+00A0 too), optional character set.
                return var == null ? "" : PythonStrings.strip(var.toString(), args.length > 0 ? args[0] : null, true, true);
            }
        });
        return jinjava;
    }
}
