package io.glimpse.inference.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code tokenizer.json}, run by DJL's binding of the Rust {@code tokenizers}
 * library (natives bundled in the jar, unpacked to {@code $DJL_CACHE_DIR}). Only local files are
 * read: the Hub download of DJL ({@code newInstance(String name)}) is never used, and DJL is put
 * in offline mode (see below) so it never downloads its native library either.
 *
 * <p>Thread-safe (the Rust tokenizer is immutable once loaded). Owns native memory: close it.
 */
public final class HfTokenizer implements Tokenizer {
    /**
     * DJL's defaults truncate to 512 ids (LONGEST_FIRST) and pad; we want the plain encoding.
     * Special tokens are added per call in {@link #encode}.
     */
    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false");

    static {
        // On a machine with a CUDA GPU, DJL picks a CUDA build of its tokenizers library and
        // downloads it from publish.djl.ai; the jar bundles only CPU builds and tokenizing needs no
        // GPU. In offline mode DJL takes the bundled CPU library and never opens a connection.
        // Set only when the user has not chosen (ai.djl.offline / DJL_OFFLINE), before DJL loads.
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocab;
    private final int vocabSize;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, JsonNode json) {
        this.tokenizer = tokenizer;
        this.vocab = readVocab(json);
        this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Loads a local {@code tokenizer.json}. */
    public static HfTokenizer load(Path tokenizerJson) throws IOException {
        byte[] bytes = Files.readAllBytes(tokenizerJson);
        return fromJson(bytes);
    }

    /** Loads a tokenizer from the bytes of a {@code tokenizer.json} (for ones we build in memory). */
    public static HfTokenizer fromJson(byte[] tokenizerJson) throws IOException {
        JsonNode json = new ObjectMapper().readTree(tokenizerJson);
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), OPTIONS);
        return new HfTokenizer(tok, json);
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        Encoding encoding = tokenizer.encode(text, addSpecialTokens, false);
        long[] ids = encoding.getIds(); // DJL gives long[]; ids of real vocabularies fit an int
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecialTokens);
    }

    /**
     * Highest id in the model vocabulary or in {@code added_tokens}, plus one. Added tokens may sit
     * inside the model vocabulary (EXAONE) or after it (Llama 3, Phi-3), so counting both lists
     * would be wrong; the highest id is what the embedding table must cover.
     */
    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt idOf(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Token string to id from {@code model.vocab} (map or Unigram list) and {@code added_tokens}. */
    private static Map<String, Integer> readVocab(JsonNode json) {
        Map<String, Integer> vocab = new HashMap<>();
        JsonNode model = json.path("model").path("vocab");
        if (model.isObject()) { // BPE, WordPiece, WordLevel: {"token": id}
            for (Map.Entry<String, JsonNode> e : model.properties()) {
                vocab.put(e.getKey(), e.getValue().asInt());
            }
        } else if (model.isArray()) { // Unigram: [["piece", score], ...], id = index
            for (int i = 0; i < model.size(); i++) {
                vocab.putIfAbsent(model.get(i).get(0).asText(), i);
            }
        }
        for (JsonNode added : json.path("added_tokens")) {
            vocab.put(added.path("content").asText(), added.path("id").asInt());
        }
        return vocab;
    }
}
