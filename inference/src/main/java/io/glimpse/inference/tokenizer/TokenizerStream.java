package io.glimpse.inference.tokenizer;

import java.util.Arrays;

/**
 * Incremental detokenizer: turns generated ids into text piece by piece and never emits a broken
 * UTF-8 sequence (a character split over several byte tokens is held back until complete).
 *
 * <p>The algorithm is the prefix-offset / read-offset one of Hugging Face TGI and vLLM: keep a
 * small window of recent ids; decode the window without and with the new ids; emit the extra text
 * only when it does not end in U+FFFD (an incomplete character). Decoding the ids just before the
 * new one as context keeps word-start rules right (a SentencePiece "▁" after a word is a space,
 * the first one of a text is not). Works on top of any {@link Tokenizer#decode}. Each step decodes
 * only the window, so its cost does not grow with the length of the sequence.
 *
 * <p>Not thread-safe; one instance per sequence.
 */
public final class TokenizerStream {
    /**
     * Most ids held back before the text is let go even if it ends in U+FFFD. A character needs
     * at most 4 byte tokens; the rest of the room is for ids without text (skipped special
     * tokens) that stay in the window as context. Past this the bytes are truly invalid, and the
     * window, hence the cost of one step, stays bounded.
     */
    static final int MAX_PENDING = 16;

    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private int[] ids = new int[16];
    private int size;
    /** Start of the context window: ids[prefixOffset, readOffset) were already emitted. */
    private int prefixOffset;
    /** Ids from here on have not been emitted yet. */
    private int readOffset;

    public TokenizerStream(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this(tokenizer, skipSpecialTokens, new int[0]);
    }

    /**
     * @param context ids already shown (for example the end of the prompt); they are decoded as
     *     context only, so the first emitted piece gets the spacing it has after them
     */
    public TokenizerStream(Tokenizer tokenizer, boolean skipSpecialTokens, int[] context) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
        // A few ids of context are enough for spacing rules; more would only cost time.
        int from = Math.max(0, context.length - 4);
        for (int i = from; i < context.length; i++) {
            append(context[i]);
        }
        readOffset = size;
    }

    /** Adds one generated id; returns the text it completes, possibly "". */
    public String next(int tokenId) {
        append(tokenId);
        String prefix = decode(prefixOffset, readOffset);
        String text = decode(prefixOffset, size);
        // After MAX_PENDING ids the held bytes cannot become a character any more: let them go.
        boolean mustRelease = size - readOffset >= MAX_PENDING;
        if (text.length() > prefix.length() && (mustRelease || !text.endsWith("\uFFFD"))) {
            String piece = text.substring(prefix.length());
            advance();
            return piece;
        }
        if (mustRelease) {
            advance(); // only ids without text (skipped special tokens): drop them from the window
        }
        return "";
    }

    /** Returns what is held back at the end of the sequence (U+FFFD for truly invalid bytes). */
    public String flush() {
        if (readOffset == size) {
            return "";
        }
        String prefix = decode(prefixOffset, readOffset);
        String text = decode(prefixOffset, size);
        advance();
        return text.length() > prefix.length() ? text.substring(prefix.length()) : "";
    }

    private void advance() {
        prefixOffset = readOffset;
        readOffset = size;
        // Drop ids before the window so the buffer stays small however long the sequence gets.
        if (prefixOffset > 0) {
            System.arraycopy(ids, prefixOffset, ids, 0, size - prefixOffset);
            size -= prefixOffset;
            readOffset -= prefixOffset;
            prefixOffset = 0;
        }
    }

    private String decode(int from, int to) {
        return from == to ? "" : tokenizer.decode(Arrays.copyOfRange(ids, from, to), skipSpecialTokens);
    }

    private void append(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }
}
