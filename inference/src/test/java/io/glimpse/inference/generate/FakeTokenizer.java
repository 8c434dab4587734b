package io.glimpse.inference.generate;

import io.glimpse.inference.tokenizer.Tokenizer;
import java.util.List;
import java.util.OptionalInt;

/** A tokenizer over a fixed list of pieces: id i decodes to PIECES[i]; encode is not needed. */
final class FakeTokenizer implements Tokenizer {
    static final List<String> PIECES = List.of("<eos>", "a", "b", " c", "<|", "stop", "|>", "!", "x");

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        throw new UnsupportedOperationException("tests pass ids");
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (!(skipSpecialTokens && id == 0)) {
                sb.append(PIECES.get(id));
            }
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return PIECES.size();
    }

    @Override
    public OptionalInt idOf(String token) {
        int i = PIECES.indexOf(token);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    @Override
    public void close() {
    }
}
