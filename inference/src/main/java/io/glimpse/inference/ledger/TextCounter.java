package io.glimpse.inference.ledger;

import io.glimpse.inference.tokenizer.Tokenizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the tokens of prompt text: exactly with the model's tokenizer, or as a marked estimate
 * when none is at hand (planning from a built-in profile). Immutable and thread-safe when the
 * tokenizer is.
 */
public interface TextCounter {
    int count(String text);

    /**
     * The tokens of a raw prompt with the special tokens the tokenizer adds itself (BOS), as a
     * model without a chat template is fed ({@code encode(text, true)}); estimates count none.
     */
    default int countRaw(String text) {
        return count(text);
    }

    /** False when {@link #count} is an estimate. */
    boolean exact();

    /** Exact counts: the text as the model will see it (special tokens written out in the text count as one each). */
    static TextCounter of(Tokenizer tokenizer) {
        return new TextCounter() {
            @Override
            public int count(String text) {
                return text.isEmpty() ? 0 : tokenizer.encode(text, false).length;
            }

            @Override
            public int countRaw(String text) {
                return tokenizer.encode(text, true).length;
            }

            @Override
            public boolean exact() {
                return true;
            }
        };
    }

    /**
     * Estimates for a cl100k-style byte-level BPE extended with Korean (the HCX vocabulary,
     * hcx-spec.md §7.2): a special marker such as {@code <|im_start|>} or {@code [|user|]} is one
     * token; other ASCII text about four characters per token, counted per word; each other
     * character (Hangul syllable, CJK, emoji) one token. Good to some tens of percent; the ledger
     * marks it as an estimate.
     */
    static TextCounter estimate() {
        return Estimate.INSTANCE;
    }

    /** The estimating counter. */
    final class Estimate implements TextCounter {
        static final Estimate INSTANCE = new Estimate();
        private static final Pattern SPECIAL = Pattern.compile("<\\|[^|<>\\s]{1,40}\\|>|\\[\\|[^|\\[\\]\\s]{1,40}\\|]");
        private static final Pattern ASCII_WORD = Pattern.compile(" ?[A-Za-z0-9]+|[^\\x00-\\x7F]|\\s+|[\\x21-\\x7E]");

        private Estimate() {
        }

        @Override
        public int count(String text) {
            Matcher special = SPECIAL.matcher(text);
            int tokens = 0;
            int from = 0;
            while (special.find()) {
                tokens += 1 + plain(text.substring(from, special.start()));
                from = special.end();
            }
            return tokens + plain(text.substring(from));
        }

        private static int plain(String text) {
            int tokens = 0;
            Matcher m = ASCII_WORD.matcher(text);
            while (m.find()) {
                String piece = m.group();
                char c = piece.charAt(piece.length() - 1);
                if (Character.isLetterOrDigit(c) && c < 0x80) {
                    tokens += (piece.length() + 3) / 4; // ~4 characters per token for words
                } else {
                    tokens += 1; // whitespace run, punctuation, or one non-ASCII character
                }
            }
            return tokens;
        }

        @Override
        public boolean exact() {
            return false;
        }
    }
}
