package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Hugging Face checkpoint folder of random weights for a real geometry (a config.json), so
 * the importer can be benchmarked on the path a downloaded model takes: {@code config.json},
 * {@code model.safetensors} (BF16, as the seed models ship; written tensor by tensor, so memory is one
 * tensor), and a word-level {@code tokenizer.json} ("w0" … "wN−1", plus the special tokens the config
 * names) that can decode every id. Stateless.
 */
public final class RandomCheckpoint {
    private RandomCheckpoint() {
    }

    /**
     * @param extraTokens special tokens to place at given ids (e.g. an image placeholder), id → text
     * @return the number of parameters written
     */
    public static long write(Path configFile, Path folder, long seed, Map<Integer, String> extraTokens, CancelToken cancel)
            throws IOException, CheckpointException {
        RandomWeights weights = RandomWeights.of(configFile, seed);
        Files.createDirectories(folder);
        Files.copy(configFile, folder.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> names = weights.tensorNames();
        ObjectMapper m = new ObjectMapper();
        ObjectNode header = m.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        long parameters = 0;
        for (String name : names) {
            long[] shape = weights.shape(name);
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            ObjectNode t = header.putObject(name);
            t.put("dtype", "BF16");
            ArrayNode s = t.putArray("shape");
            for (long d : shape) {
                s.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + 2 * count);
            offset += 2 * count;
            parameters += count;
        }
        byte[] json = m.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format allows trailing spaces; aligned data is friendlier to mmap
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        try (FileChannel ch = FileChannel.open(folder.resolve(Checkpoint.SINGLE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            writeAll(ch, len);
            writeAll(ch, ByteBuffer.wrap(headerBytes));
            for (String name : names) {
                cancel.throwIfCancelled();
                float[] values = weights.floats(name, weights.shape(name));
                ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    buf.putShort(toBf16(v));
                }
                writeAll(ch, buf.flip());
            }
        }
        Files.write(folder.resolve("tokenizer.json"), wordTokenizer(m, vocabSize(weights.config()), extraTokens));
        return parameters;
    }

    /** float32 → bfloat16, round to nearest even (as torch does). */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static int vocabSize(JsonNode config) {
        JsonNode text = config.has("text_config") ? config.get("text_config") : config;
        return text.path("vocab_size").asInt(config.path("vocab_size").asInt());
    }

    /** A WordLevel tokenizer.json: id i is the word "w<i>" unless a special token sits there. */
    static byte[] wordTokenizer(ObjectMapper m, int vocab, Map<Integer, String> extra) throws IOException {
        ObjectNode root = m.createObjectNode();
        root.put("version", "1.0");
        ArrayNode added = root.putArray("added_tokens");
        Map<Integer, String> specials = new LinkedHashMap<>(extra);
        specials.putIfAbsent(0, "[UNK]");
        specials.forEach((id, text) -> added.addObject().put("id", id).put("content", text).put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true));
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        model.put("unk_token", specials.get(0));
        ObjectNode vocabNode = model.putObject("vocab");
        for (int i = 0; i < vocab; i++) {
            vocabNode.put(specials.getOrDefault(i, "w" + i), i);
        }
        return m.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
