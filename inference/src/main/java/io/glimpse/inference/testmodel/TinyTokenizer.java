package io.glimpse.inference.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer.json of the test models: byte-level BPE whose vocabulary is the 256 byte symbols
 * of GPT-2's byte-to-unicode table (id = byte value) and no merges, so every UTF-8 text encodes
 * to its bytes and decodes back exactly; then eight special tokens, ids 256–263 (HCX's turn
 * markers and its image / video placeholders). Stateless.
 */
final class TinyTokenizer {
    static final List<String> SPECIAL = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|endofturn|>",
            "<|stop|>", TinyHcx.IMAGE_TOKEN, TinyHcx.VIDEO_TOKEN, "<|unused|>");

    private TinyTokenizer() {}

    static ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIAL.size(); i++) {
            ObjectNode t = added.addObject();
            t.put("id", 256 + i);
            t.put("content", SPECIAL.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(mapper));
        root.set("post_processor", byteLevel(mapper));
        root.set("decoder", byteLevel(mapper));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        int[] symbols = byteSymbols();
        for (int b = 0; b < 256; b++) {
            vocab.put(new String(Character.toChars(symbols[b])), b);
        }
        model.putArray("merges");
        return root;
    }

    private static ObjectNode byteLevel(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", false);
        n.put("use_regex", true);
        return n;
    }

    /**
     * GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the other
     * 68 bytes map to U+0100 onwards in byte order. Index = byte, value = code point.
     */
    static int[] byteSymbols() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        int[] out = new int[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            out[b] = printable.contains(b) ? b : next++;
        }
        return out;
    }
}
