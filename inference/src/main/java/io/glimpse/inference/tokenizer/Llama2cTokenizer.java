package io.glimpse.inference.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of Karpathy's llama2.c ({@code tokenizer.bin}, {@code tok512.bin}); no library
 * reads this format. Encodes and decodes exactly like {@code run.c}.
 *
 * <p>File: int32 LE max_token_length, then per token: float32 LE score, int32 LE byte length,
 * the bytes. Ids 0, 1, 2 are {@code <unk>}, BOS and EOS; ids 3..258 are the byte fallback
 * {@code <0xHH>} (id = byte + 3).
 *
 * <p>Immutable, so thread-safe; holds no native memory ({@link #close()} does nothing).
 */
public final class Llama2cTokenizer implements Tokenizer {
    public static final int UNK = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    private static final int BYTE_OFFSET = 3;

    private final byte[][] pieces;
    private final float[] scores;
    /** Piece bytes as an ISO-8859-1 string (one char per byte, so lossless) to id. */
    private final Map<String, Integer> ids;
    /** For each id, the raw byte of a {@code <0xHH>} piece, or -1. */
    private final int[] byteValue;

    private Llama2cTokenizer(byte[][] pieces, float[] scores) {
        this.pieces = pieces;
        this.scores = scores;
        this.ids = new HashMap<>(pieces.length * 2);
        this.byteValue = new int[pieces.length];
        for (int id = 0; id < pieces.length; id++) {
            ids.putIfAbsent(key(pieces[id]), id); // first one wins if a piece repeats
            byteValue[id] = parseBytePiece(pieces[id]);
        }
    }

    /** Reads a llama2.c tokenizer file. */
    public static Llama2cTokenizer load(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            buf.getInt(); // max_token_length: run.c sizes its merge buffer with it; we need no buffer
            List<byte[]> pieces = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            while (buf.hasRemaining()) {
                scores.add(buf.getFloat());
                int len = buf.getInt();
                if (len < 0 || len > buf.remaining()) {
                    throw new IOException(file + ": not a llama2.c tokenizer (token " + pieces.size() + " has length " + len + ")");
                }
                byte[] piece = new byte[len];
                buf.get(piece);
                pieces.add(piece);
            }
            if (pieces.size() < BYTE_OFFSET + 256) {
                throw new IOException(file + ": not a llama2.c tokenizer (" + pieces.size() + " tokens, need at least 259)");
            }
            float[] s = new float[scores.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = scores.get(i);
            }
            return new Llama2cTokenizer(pieces.toArray(new byte[0][]), s);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(file + ": not a llama2.c tokenizer (truncated)", e);
        }
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        List<Integer> tokens = new ArrayList<>();
        if (addSpecialTokens) {
            tokens.add(BOS);
        }
        Integer space = ids.get(" ");
        if (!text.isEmpty() && space != null) {
            // run.c: SentencePiece's add_dummy_prefix, a space before the text.
            tokens.add(space);
        }
        // One token per code point, or its UTF-8 bytes as <0xHH> tokens when it is not a piece.
        text.codePoints().forEach(cp -> {
            byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            Integer id = ids.get(key(utf8));
            if (id != null) {
                tokens.add(id);
            } else {
                for (byte b : utf8) {
                    tokens.add((b & 0xFF) + BYTE_OFFSET);
                }
            }
        });
        // Merge the adjacent pair with the best score until none is in the vocabulary. Ties go
        // to the leftmost pair (run.c compares with '>').
        while (true) {
            float bestScore = -1e10f;
            int bestId = -1;
            int bestIdx = -1;
            for (int i = 0; i + 1 < tokens.size(); i++) {
                Integer id = ids.get(key(pieces[tokens.get(i)]) + key(pieces[tokens.get(i + 1)]));
                if (id != null && scores[id] > bestScore) {
                    bestScore = scores[id];
                    bestId = id;
                    bestIdx = i;
                }
            }
            if (bestIdx == -1) {
                break;
            }
            tokens.set(bestIdx, bestId);
            tokens.remove(bestIdx + 1);
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Works on bytes and turns them into text at the end, so a character split over several
     * {@code <0xHH>} tokens comes out whole. As run.c, drops one leading space of a piece right
     * after BOS.
     */
    @Override
    public String decode(int[] tokenIds, boolean skipSpecialTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int prev = -1;
        for (int id : tokenIds) {
            if (id < 0 || id >= pieces.length) {
                throw new IllegalArgumentException("token id " + id + " out of range 0.." + (pieces.length - 1));
            }
            if (byteValue[id] >= 0) {
                out.write(byteValue[id]);
            } else if (!(skipSpecialTokens && isSpecial(id))) {
                byte[] piece = pieces[id];
                int from = prev == BOS && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
                out.write(piece, from, piece.length - from);
            }
            prev = id;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    @Override
    public OptionalInt idOf(String token) {
        Integer id = ids.get(key(token.getBytes(StandardCharsets.UTF_8)));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The piece bytes of an id as text (for diagnostics; byte pieces read {@code <0xHH>}). */
    public String piece(int id) {
        return new String(pieces[id], StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // nothing to free
    }

    private static boolean isSpecial(int id) {
        return id == UNK || id == BOS || id == EOS;
    }

    private static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int parseBytePiece(byte[] p) {
        // exactly "<0xHH>", as run.c's sscanf("<0x%02hhX>")
        if (p.length != 6 || p[0] != '<' || p[1] != '0' || p[2] != 'x' || p[5] != '>') {
            return -1;
        }
        int hi = Character.digit(p[3], 16);
        int lo = Character.digit(p[4], 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
