package io.glimpse.inference.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Turns a slow-tokenizer folder ({@code vocab.json} + {@code merges.txt} + {@code
 * tokenizer_config.json}) into the {@code tokenizer.json} that Hugging Face's converter
 * ({@code GPT2Converter} in transformers' {@code convert_slow_tokenizer.py}) would write, so it
 * runs through the same Rust library as every other tokenizer instead of a hand-written BPE.
 *
 * <p>Only the GPT-2 flavour is built: ByteLevel pre-tokenizer with the GPT-2 split regex
 * ({@code use_regex}), ByteLevel decoder, no normalizer. That is what {@code GPT2Tokenizer}
 * (EXAONE 3.5, HyperCLOVA X SEED) does. Other classes with the same files but other split rules
 * (Qwen2Tokenizer, CLIPTokenizer ...) are refused rather than tokenized wrongly.
 */
final class ByteLevelBpe {
    private static final Set<String> GPT2_CLASSES = Set.of("GPT2Tokenizer", "GPT2TokenizerFast");

    private ByteLevelBpe() {}

    /** The {@code tokenizer.json} bytes for the folder. */
    static byte[] tokenizerJson(Path folder) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path configFile = folder.resolve("tokenizer_config.json");
        JsonNode config = Files.exists(configFile) ? mapper.readTree(configFile.toFile()) : mapper.createObjectNode();
        String cls = config.path("tokenizer_class").asText("GPT2Tokenizer");
        if (!GPT2_CLASSES.contains(cls)) {
            throw new IOException(folder + ": tokenizer_class " + cls + " with vocab.json + merges.txt is not supported (only GPT2Tokenizer)");
        }
        boolean addPrefixSpace = config.path("add_prefix_space").asBoolean(false);
        JsonNode vocab = mapper.readTree(folder.resolve("vocab.json").toFile());

        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.set("added_tokens", addedTokens(mapper, config));
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(mapper, addPrefixSpace, true));
        root.set("post_processor", postProcessor(mapper, config, vocab, addPrefixSpace));
        root.set("decoder", byteLevel(mapper, true, true));

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token"); // byte-level BPE covers every byte, as GPT2Converter writes
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", vocab);
        model.set("merges", merges(mapper, folder.resolve("merges.txt")));
        return mapper.writeValueAsBytes(root);
    }

    /** {@code added_tokens_decoder} entries with their own flags ("special" decides what decode skips). */
    private static ArrayNode addedTokens(ObjectMapper mapper, JsonNode config) {
        ArrayNode out = mapper.createArrayNode();
        for (Map.Entry<String, JsonNode> e : config.path("added_tokens_decoder").properties()) {
            JsonNode t = e.getValue();
            ObjectNode token = out.addObject();
            token.put("id", Integer.parseInt(e.getKey()));
            token.put("content", t.path("content").asText());
            token.put("single_word", t.path("single_word").asBoolean(false));
            token.put("lstrip", t.path("lstrip").asBoolean(false));
            token.put("rstrip", t.path("rstrip").asBoolean(false));
            token.put("normalized", t.path("normalized").asBoolean(false));
            token.put("special", t.path("special").asBoolean(true));
        }
        return out;
    }

    /** BOS in front when the config asks for it ({@code add_bos_token}, false by default for GPT-2). */
    private static JsonNode postProcessor(ObjectMapper mapper, JsonNode config, JsonNode vocab, boolean addPrefixSpace) {
        String bos = tokenContent(config.path("bos_token"));
        if (!config.path("add_bos_token").asBoolean(false) || bos == null) {
            ObjectNode p = byteLevel(mapper, addPrefixSpace, true);
            p.put("trim_offsets", false);
            return p;
        }
        ObjectNode p = mapper.createObjectNode();
        p.put("type", "TemplateProcessing");
        ArrayNode single = p.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = p.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode tokens = p.putObject("special_tokens");
        ObjectNode entry = tokens.putObject(bos);
        entry.put("id", bos);
        entry.putArray("ids").add(idOf(config, vocab, bos));
        entry.putArray("tokens").add(bos);
        return p;
    }

    private static int idOf(JsonNode config, JsonNode vocab, String content) {
        for (Map.Entry<String, JsonNode> e : config.path("added_tokens_decoder").properties()) {
            if (content.equals(e.getValue().path("content").asText())) {
                return Integer.parseInt(e.getKey());
            }
        }
        if (vocab.has(content)) {
            return vocab.get(content).asInt();
        }
        throw new IllegalArgumentException("bos_token " + content + " is neither an added token nor in vocab.json");
    }

    /** A special token given as a string or as {"content": ...}. */
    private static String tokenContent(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return node.hasNonNull("content") ? node.get("content").asText() : null;
    }

    private static ObjectNode byteLevel(ObjectMapper mapper, boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true); // the GPT-2 split regex ('s|'t|...| ?\p{L}+| ?\p{N}+|...)
        return n;
    }

    /** merges.txt lines "a b" in rank order, without the "#version" header or blank lines. */
    private static ArrayNode merges(ObjectMapper mapper, Path file) throws IOException {
        ArrayNode out = mapper.createArrayNode();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                if (first && line.startsWith("#version")) {
                    first = false;
                    continue;
                }
                first = false;
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
