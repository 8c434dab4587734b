package io.glimpse.app.plan;

import io.glimpse.inference.tokenizer.Tokenizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt as the model sees it: the exact rendered text (every image and video placeholder
 * expanded to its feature rows), its token ids when a tokenizer is at hand, and a readable form with
 * each run of one repeated placeholder collapsed, e.g. {@code <|dummy3|> ×81}. {@link PlanContext#prompt}
 * builds it for a request, so the command line ({@code plan --show-prompt}) and the window show the
 * same text. Immutable (the ids array is not copied: do not change it).
 *
 * @param text      the prompt exactly as it is tokenized
 * @param ids       its token ids, or null when the tokens are estimated (no tokenizer)
 * @param tokens    the token count: {@code ids.length}, or the estimate
 */
public record PromptText(String text, int[] ids, int tokens) {
    /** Two or more copies in a row of one special-looking token: {@code <image>}, {@code <|dummy3|>}. */
    private static final Pattern RUN = Pattern.compile("(<[^<>\\s]{1,80}>)\\1+");

    /**
     * Tokenizes {@code text} as the generation path does.
     *
     * @param addSpecialTokens whether the tokenizer adds its own (BOS): only for a raw prompt without a chat template
     * @param estimate         the token count to report when {@code tokenizer} is null
     */
    public static PromptText of(String text, Tokenizer tokenizer, boolean addSpecialTokens, int estimate) {
        if (tokenizer == null) {
            return new PromptText(text, null, estimate);
        }
        int[] ids = tokenizer.encode(text, addSpecialTokens);
        return new PromptText(text, ids, ids.length);
    }

    /** Whether {@link #tokens} is the tokenizer's count rather than an estimate. */
    public boolean exact() {
        return ids != null;
    }

    /** {@link #text} with every run of a repeated placeholder written once with its count: {@code <|dummy3|> ×81}. */
    public String collapsed() {
        return collapse(text);
    }

    /** Collapses every run of two or more copies of one {@code <...>} token into {@code TOKEN ×N}. */
    public static String collapse(String text) {
        Matcher m = RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int copies = (m.end() - m.start()) / m.group(1).length();
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " ×" + copies));
        }
        m.appendTail(out);
        return out.toString();
    }
}
