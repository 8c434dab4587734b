package io.glimpse.inference.vision;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Cross-checks between a vision-language folder's parts, each failing with both values. Stateless. */
final class ModelChecks {
    private ModelChecks() {
    }

    /** {@code what} (e.g. "the decoder's inputs_embeds rows are") has {@code width} values, which must be hidden_size. */
    static void width(Path folder, String what, long width, VisionSpec v) throws ModelFolderException {
        if (width > 0 && width != v.hiddenSize()) {
            throw new ModelFolderException(folder, what + " " + width + (what.endsWith(" has") ? " values" : " wide")
                    + " but glimpse.json vision.hidden_size is " + v.hiddenSize());
        }
    }

    /**
     * The tokenizer fits the vocabulary and knows both placeholders by the wired ids, and the built-in
     * prompt layout, when one is given (HCX folders), writes the same placeholders (it is what puts them in the prompt).
     */
    static void tokenizer(Path folder, ModelSpec spec, Tokenizer tokenizer, HcxPromptLayout layout) throws ModelFolderException {
        if (tokenizer.vocabSize() > spec.vocabSize()) {
            throw new ModelFolderException(folder, "the tokenizer has " + tokenizer.vocabSize()
                    + " tokens, more than the model's vocabulary of " + spec.vocabSize());
        }
        VisionSpec v = spec.vision();
        String where = spec.source().equals("glimpse.json") ? "glimpse.json vision." : spec.source() + " ";
        placeholder(folder, tokenizer, where + "image_token", v.imageToken(), v.imageTokenId(),
                layout == null ? null : layout.block("image_placeholder"));
        if (v.takesVideo()) {
            placeholder(folder, tokenizer, where + "video_token", v.videoToken(), v.videoTokenId(),
                    layout == null ? null : layout.block("video_placeholder"));
        }
    }

    private static void placeholder(Path folder, Tokenizer tokenizer, String field, String token, int id, String layoutToken)
            throws ModelFolderException {
        OptionalInt actual = tokenizer.idOf(token);
        if (actual.isEmpty() || actual.getAsInt() != id) {
            throw new ModelFolderException(folder, field + " " + token + " is id " + id + ", but the tokenizer "
                    + (actual.isEmpty() ? "has no such token" : "has it as " + actual.getAsInt()));
        }
        if (layoutToken != null && !token.equals(layoutToken)) {
            throw new ModelFolderException(folder, field + " is " + token
                    + ", but the HCX prompt layout places " + layoutToken);
        }
    }
}
