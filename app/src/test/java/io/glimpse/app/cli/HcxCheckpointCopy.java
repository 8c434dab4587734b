package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny-hcx-vision checkpoint copied into a test folder with a tokenizer added: the fixture has none,
 * and a vision folder cannot run without one. The tokenizer is a byte-level BPE of the model's vocabulary
 * size, 512: ids 0–255 the bytes (GPT-2's byte symbols, no merges), 256–260 HCX's turn markers
 * ({@code <|endoftext|>}, {@code <|im_start|>}, {@code <|im_end|>}, {@code <|endofturn|>}, {@code <|stop|>}),
 * 261–509 unused fillers, and 510 / 511 — config.json's video_token_id and image_token_id — the HCX
 * placeholders {@code <|_unuse_missing_100270|>} and {@code <|dummy3|>}; all added special tokens.
 *
 * <p>Why not stories260K's tokenizer with two ids renamed: it is SentencePiece-style (a {@code Prepend "▁"}
 * normalizer), so each text tokenized alone gains a leading "▁", and the HCX token ledger, which counts the
 * prompt's blocks one by one, predicts 835 tokens for a prompt that tokenizes to 830 as a whole. HCX's own
 * tokenizer is byte-level, as this one is, and there the counts agree.
 *
 * <p>The same as the inference module's TinyHcxCheckpoint test helper (test classes are not shared across modules).
 */
final class HcxCheckpointCopy {
    static final String IMAGE_TOKEN = "<|dummy3|>";
    static final String VIDEO_TOKEN = "<|_unuse_missing_100270|>";
    static final List<String> WEIGHTS_AND_SETTINGS = List.of("config.json", "generation_config.json",
            "preprocessor_config.json", "model.safetensors");

    private HcxCheckpointCopy() {
    }

    /** The fixture folder (skips the test when absent). */
    static Path fixture() {
        Path p = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "hf", "tiny-hcx-vision")
                .normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(p.resolve("model.safetensors")),
                "fixture " + p + " absent; skipped");
        return p;
    }

    /** A copy of the checkpoint in {@code dir}, without a tokenizer. */
    static Path withoutTokenizer(Path dir) throws IOException {
        Path src = fixture();
        Files.createDirectories(dir);
        for (String name : WEIGHTS_AND_SETTINGS) {
            Files.copy(src.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    /** A copy of the checkpoint in {@code dir} with the derived tokenizer.json. */
    static Path withTokenizer(Path dir) throws IOException {
        withoutTokenizer(dir);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
        return dir;
    }

    static String tokenizerJson() throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode t = m.createObjectNode();
        t.put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ArrayNode added = t.putArray("added_tokens");
        List<String> markers = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|endofturn|>", "<|stop|>");
        for (int id = 256; id < 512; id++) {
            String content = id < 256 + markers.size() ? markers.get(id - 256)
                    : id == 510 ? VIDEO_TOKEN : id == 511 ? IMAGE_TOKEN : "<|unused_" + id + "|>";
            added.addObject().put("id", id).put("content", content).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        t.putNull("normalizer");
        for (String stage : List.of("pre_tokenizer", "post_processor", "decoder")) {
            t.putObject(stage).put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                    .put("use_regex", true);
        }
        ObjectNode model = t.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token");
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        int[] symbols = byteSymbols();
        for (int b = 0; b < 256; b++) {
            vocab.put(new String(Character.toChars(symbols[b])), b);
        }
        model.putArray("merges");
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(t);
    }

    /** GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 map to U+0100 on, in byte order. */
    private static int[] byteSymbols() {
        int[] out = new int[256];
        int next = 0x100;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = printable ? b : next++;
        }
        return out;
    }
}
