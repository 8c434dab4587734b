package io.glimpse.inference.tokenizer;

import java.util.OptionalInt;

/**
 * Text to token ids and back for one model.
 *
 * <p>Thread-safety: implementations are immutable after construction, so {@link #encode},
 * {@link #decode}, {@link #vocabSize} and {@link #idOf} may be called from several threads at
 * once. A {@link TokenizerStream} is not thread-safe: use one per generated sequence.
 *
 * <p>Ownership: the tokenizer may hold native memory (the Hugging Face one does); whoever opened
 * it closes it, after every stream made from it is done. Using it after {@link #close()} is an error.
 */
public interface Tokenizer extends AutoCloseable {

    /**
     * Encodes text to ids.
     *
     * @param addSpecialTokens whether to add the model's own framing tokens (such as BOS); special
     *     token strings written in the text (such as {@code <|endofturn|>}) are matched either way
     */
    int[] encode(String text, boolean addSpecialTokens);

    /**
     * Decodes ids to text, exactly (no clean-up of spaces before punctuation). Bytes that do not
     * form valid UTF-8 become U+FFFD.
     *
     * @param skipSpecialTokens whether special tokens (BOS, EOS, end-of-turn ...) are left out
     */
    String decode(int[] ids, boolean skipSpecialTokens);

    /** Number of ids the model may see: highest id of the vocabulary or added tokens, plus one. */
    int vocabSize();

    /**
     * The id of an exact token string (for example {@code <|endofturn|>}), if the vocabulary or
     * the added tokens have it. Ordinary pieces are looked up as the vocabulary writes them
     * (byte-level BPE writes a leading space as {@code Ġ}, SentencePiece as {@code ▁}).
     */
    OptionalInt idOf(String token);

    /** A new incremental decoder for one generated sequence, skipping special tokens. */
    default TokenizerStream stream() {
        return new TokenizerStream(this, true);
    }

    /** Frees native memory, if any. Idempotent. */
    @Override
    void close();
}
