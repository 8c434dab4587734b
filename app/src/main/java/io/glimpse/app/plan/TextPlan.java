package io.glimpse.app.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.BuiltInTemplates;
import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.chat.ChatTemplates;
import io.glimpse.inference.chat.JinjaChatTemplate;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TextLedger;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import io.glimpse.plugins.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link PlanContext} of a text model: the folder's tokenizer and chat template chosen
 * by the rule {@code Model} runs with ({@link ChatTemplates#forFolder}), so the ledger counts the
 * prompt the text engine sends. Stateless.
 */
final class TextPlan {
    private TextPlan() {
    }

    /**
     * @param family  the text family, or null for a folder no family recognises (planned from its own files)
     * @param folder  the model folder, or null to plan with the family's built-in template and estimated counts
     * @throws ModelFolderException when glimpse.json names an unknown template or the folder's template is malformed
     */
    static PlanContext open(ModelFamily family, Path folder) throws ModelFolderException {
        if (family == null && folder == null) {
            throw new IllegalArgumentException("a text plan needs a family or a model folder");
        }
        ModelSpec spec = readSpec(folder);
        Tokenizer tokenizer = openTokenizer(folder, spec);
        try {
            List<String> notes = new ArrayList<>();
            ChatTemplate template = template(family, folder, spec, tokenizer, notes);
            notes.add(tokenizer == null ? "text counts estimated: no tokenizer in the model folder"
                    : "text counted with the model folder's tokenizer, as the text engine tokenizes the prompt");
            TextCounter text = tokenizer == null ? TextCounter.estimate() : TextCounter.of(tokenizer);
            // without a template the raw question goes in with the tokenizer's own BOS (TextLedger counts it so)
            return new PlanContext(family, null, contextLength(family, folder, spec), tokenizer, notes,
                    r -> TextLedger.compute(r, template, text), r -> TextLedger.render(r, template), template == null);
        } catch (ModelFolderException | RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    private static ChatTemplate template(ModelFamily family, Path folder, ModelSpec spec, Tokenizer tokenizer, List<String> notes)
            throws ModelFolderException {
        ChatTemplate t = null;
        if (folder != null) {
            t = ChatTemplates.forFolder(folder, spec == null ? null : spec.chatTemplate(), spec == null ? null : spec.source(),
                    tokenizer).orElse(null);
            if (t instanceof JinjaChatTemplate) {
                notes.add("chat template: the model folder's own chat_template (tokenizer_config.json)");
                return t;
            }
            if (t != null) {
                notes.add("chat template: built-in " + t.name() + (spec != null && spec.chatTemplate() != null
                        ? " (named in " + spec.source() + ")" : " (recognised from the tokenizer's turn markers)"));
                return t;
            }
            if (tokenizer != null) { // the text engine runs such a folder on raw text too
                notes.add("no chat template: the prompt is the raw question, with the tokenizer's BOS");
                return null;
            }
        }
        String name = family == null ? null : family.builtInChatTemplate().orElse(null);
        t = name == null ? null : BuiltInTemplates.named(name).orElse(null);
        notes.add(t == null ? "no chat template: the prompt is the raw question"
                : "chat template: built-in " + t.name() + " (the " + family.id() + " profile's)");
        return t;
    }

    /** The folder's description when it is complete enough to run; null for a folder of tokenizer files only. */
    private static ModelSpec readSpec(Path folder) {
        if (folder == null) {
            return null;
        }
        try {
            return ModelFolder.read(folder);
        } catch (ModelFolderException e) {
            return null;
        }
    }

    /** The tokenizer the text engine would use; null (estimate) when the folder has none. */
    private static Tokenizer openTokenizer(Path folder, ModelSpec spec) {
        if (folder == null) {
            return null;
        }
        try {
            return spec != null && spec.tokenizerFile() != null ? Tokenizers.open(folder, spec.tokenizerFile()) : Tokenizers.open(folder);
        } catch (ModelFolderException e) {
            return null;
        }
    }

    /** The runnable folder's context length, else config.json's max_position_embeddings, else the family's default. */
    private static ModelFamily.ContextLength contextLength(ModelFamily family, Path folder, ModelSpec spec) {
        if (spec != null) {
            return new ModelFamily.ContextLength(spec.contextLength(), null);
        }
        if (folder != null && Files.isRegularFile(folder.resolve("config.json"))) {
            try {
                JsonNode max = new ObjectMapper().readTree(folder.resolve("config.json").toFile()).path("max_position_embeddings");
                if (max.canConvertToInt() && max.asInt() > 0) {
                    return new ModelFamily.ContextLength(max.asInt(), null);
                }
            } catch (IOException e) {
                // an unreadable config.json: fall through to the family's default, which says it was assumed
            }
        }
        ModelFamily.ContextLength byFamily = family != null ? family.contextLength(folder) : null;
        if (folder == null) {
            return byFamily;
        }
        int tokens = byFamily != null ? byFamily.tokens() : 4096;
        return byFamily != null && byFamily.assumption() == null ? byFamily
                : new ModelFamily.ContextLength(tokens, "context length " + tokens + " assumed (the model folder does not say)");
    }
}
