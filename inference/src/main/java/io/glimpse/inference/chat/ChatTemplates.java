package io.glimpse.inference.chat;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses a text model folder's chat template, one rule for running ({@code Model}) and for
 * pricing (the text ledger), so both render the same prompt. Stateless and thread-safe.
 */
public final class ChatTemplates {
    private ChatTemplates() {
    }

    /**
     * The template named in glimpse.json; else the folder's own Jinja {@code chat_template}
     * (tokenizer_config.json, byte-exact for that checkpoint); else a built-in one recognised from
     * the tokenizer's turn markers; else none (a plain text model such as llama2.c).
     *
     * @param named      the template name from the folder's description, or null
     * @param namedIn    the file that named it (for the error message)
     * @param tokenizer  the folder's tokenizer, or null when it has none (no guess from markers then)
     * @throws ModelFolderException when the named template is not built in, or the folder's template is malformed
     */
    public static Optional<ChatTemplate> forFolder(Path folder, String named, String namedIn, Tokenizer tokenizer)
            throws ModelFolderException {
        if (named != null) {
            return Optional.of(BuiltInTemplates.named(named).orElseThrow(() -> new ModelFolderException(folder,
                    namedIn + " names chat template '" + named + "'; built in are " + BuiltInTemplates.names())));
        }
        Optional<JinjaChatTemplate> own = JinjaChatTemplate.fromTokenizerConfig(folder);
        if (own.isPresent()) {
            return Optional.of(own.get());
        }
        if (tokenizer == null) {
            return Optional.empty();
        }
        if (tokenizer.idOf("<|endofturn|>").isPresent() && tokenizer.idOf("<|im_start|>").isPresent()) {
            return BuiltInTemplates.named("hcx-text");
        }
        if (tokenizer.idOf("[|endofturn|]").isPresent()) {
            return BuiltInTemplates.named("exaone-3");
        }
        return Optional.empty();
    }
}
