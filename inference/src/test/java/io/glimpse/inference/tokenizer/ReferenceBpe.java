package io.glimpse.inference.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reference: OpenAI's GPT-2 {@code encoder.py} byte-level BPE, written without any
 * tokenizer library, to check the ids DJL produces. Slow and simple on purpose; no added tokens.
 */
final class ReferenceBpe {
    private static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private final Map<String, Integer> vocab = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final char[] byteToChar = new char[256];

    ReferenceBpe(Path folder) throws IOException {
        JsonNode v = new ObjectMapper().readTree(folder.resolve("vocab.json").toFile());
        v.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        List<String> lines = Files.readAllLines(folder.resolve("merges.txt"), StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) { // line 0 is "#version: 0.2"
            if (!lines.get(i).isEmpty()) {
                ranks.putIfAbsent(lines.get(i), i - 1);
            }
        }
        // bytes_to_unicode: printable bytes map to themselves, the others to 256, 257, ...
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            byteToChar[b] = printable ? (char) b : (char) (256 + n++);
        }
    }

    int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) {
            StringBuilder sb = new StringBuilder();
            for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                sb.append(byteToChar[b & 0xFF]);
            }
            for (String piece : bpe(sb.toString())) {
                ids.add(vocab.get(piece));
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Merge the lowest-rank adjacent pair, all its occurrences left to right, until none is left. */
    private List<String> bpe(String token) {
        List<String> word = new ArrayList<>();
        token.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < word.size(); i++) {
                best = Math.min(best, ranks.getOrDefault(word.get(i) + " " + word.get(i + 1), Integer.MAX_VALUE));
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && ranks.getOrDefault(word.get(i) + " " + word.get(i + 1), -1) == best) {
                    merged.add(word.get(i) + word.get(i + 1));
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word.clear();
            word.addAll(merged);
        }
        return word;
    }
}
