package io.glimpse.inference.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.onnx.OnnxGraph;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a complete vision-language model folder with tiny generated weights, so the whole
 * image/video pipeline can run (and be tested) without downloading a real model. The hcx families
 * follow docs/model-format.md (glimpse.json, config.json, preprocessor_config.json, tokenizer.json,
 * image_newline.npy, onnx/vision_encoder.onnx, onnx/embed_tokens.onnx,
 * onnx/decoder_model_merged.onnx); {@code generic} is a transformers.js image-text-to-text folder
 * without glimpse.json. Every folder gets a README.md saying what it is.
 *
 * <p>Stateless and thread-safe; two calls writing to the same folder at once would interleave
 * files. The same family and seed give byte-identical files.
 */
public final class TestModelWriter {
    private static final List<String> HCX_FILES = List.of("glimpse.json", "config.json", "preprocessor_config.json",
            "tokenizer.json", "image_newline.npy", "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx",
            "onnx/decoder_model_merged.onnx", "README.md");
    private static final List<String> GENERIC_FILES = List.of("config.json", "preprocessor_config.json", "processor_config.json",
            "tokenizer.json", "tokenizer_config.json", "generation_config.json", "onnx/vision_encoder.onnx",
            "onnx/embed_tokens.onnx", "onnx/decoder_model_merged.onnx", "README.md");

    /** Which test model. */
    public enum Family {
        /** A random-weight HCX-vision-like model (a real small decoder with a KV cache); answers gibberish. */
        HCX_VISION("hcx-vision"),
        /** Deterministic probe: every graph's output tells which inputs it received (see README it writes). */
        HCX_VISION_PROBE("hcx-vision-probe"),
        /**
         * Random weights in the transformers.js image-text-to-text layout: no glimpse.json, config.json
         * with {@code image_token_index}, an encoder without {@code num_queries} giving 81 rows per
         * tile ([G, 81, D]), one feature row per placeholder (stitching {@code rows}).
         */
        GENERIC("generic");

        private final String cliName;

        Family(String cliName) {
            this.cliName = cliName;
        }

        /** The name used on the command line, e.g. {@code hcx-vision-probe}. */
        public String cliName() {
            return cliName;
        }

        /** The files this family writes, relative to the folder, in writing order. */
        public List<String> files() {
            return this == GENERIC ? GENERIC_FILES : HCX_FILES;
        }

        /** The family of a command-line name; the message lists the known names. */
        public static Family fromCliName(String name) {
            for (Family f : values()) {
                if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown test-model family '" + name + "' (known: "
                    + String.join(", ", Arrays.stream(values()).map(Family::cliName).toList()) + ")");
        }
    }

    private TestModelWriter() {}

    /**
     * What a folder written by {@link #write} is, in words for the user ("a random-weight test
     * model ... answers gibberish by design"), or empty for any other folder. Recognised by the
     * heading of the README.md this class writes; reads at most its first 200 bytes.
     */
    public static java.util.Optional<String> notice(Path folder) {
        Path readme = folder.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return java.util.Optional.empty();
        }
        String head;
        try (var in = Files.newInputStream(readme)) {
            head = new String(in.readNBytes(200), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        for (Family f : Family.values()) {
            if (head.startsWith(FolderFiles.heading(f))) {
                return java.util.Optional.of(f == Family.HCX_VISION_PROBE
                        ? "Glimpse's probe test model: every answer is \"aaaa…\" by design (it shows tests which rows reached the decoder)"
                        : "a Glimpse test model with random weights (make-test-model): it runs, but answers gibberish by design");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Writes the folder (created if missing; files of the same names are replaced, others are left
     * alone: the caller decides whether a non-empty folder may be used).
     *
     * @param seed seed of the random weights; the probe family ignores it
     * @return the written files, {@link Family#files()} resolved against {@code outDir}
     */
    public static List<Path> write(Path outDir, Family family, long seed) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(outDir.resolve("onnx"));
        List<Path> written = new ArrayList<>();
        if (family == Family.GENERIC) {
            json(m, outDir, "config.json", GenericFolderFiles.configJson(m), written);
            json(m, outDir, "preprocessor_config.json", GenericFolderFiles.preprocessorJson(m), written);
            json(m, outDir, "processor_config.json", GenericFolderFiles.processorJson(m), written);
            json(m, outDir, "tokenizer.json", TinyTokenizer.json(m), written);
            json(m, outDir, "tokenizer_config.json", GenericFolderFiles.tokenizerConfigJson(m), written);
            json(m, outDir, "generation_config.json", GenericFolderFiles.generationConfigJson(m), written);
            Weights w = new Weights(seed);
            graphs(outDir, VisionGraphs.fixedEncoder(w), VisionGraphs.randomEmbed(w), TinyLlama.decoder(seed), written);
        } else {
            json(m, outDir, "glimpse.json", FolderFiles.glimpseJson(m), written);
            json(m, outDir, "config.json", FolderFiles.configJson(m), written);
            json(m, outDir, "preprocessor_config.json", FolderFiles.preprocessorJson(m), written);
            json(m, outDir, "tokenizer.json", TinyTokenizer.json(m), written);
            if (family == Family.HCX_VISION) {
                Weights w = new Weights(seed); // one stream, always consumed in this order
                OnnxGraph encoder = VisionGraphs.randomEncoder(w);
                OnnxGraph embed = VisionGraphs.randomEmbed(w);
                bytes(outDir, "image_newline.npy", FolderFiles.npy(w.normal(TinyHcx.HIDDEN, 0.02)), written);
                graphs(outDir, encoder, embed, TinyLlama.decoder(seed), written);
            } else {
                float[] newline = new float[TinyHcx.HIDDEN];
                newline[0] = -1000f;
                bytes(outDir, "image_newline.npy", FolderFiles.npy(newline), written);
                graphs(outDir, VisionGraphs.probeEncoder(), VisionGraphs.probeEmbed(), DecoderGraphs.probe(), written);
            }
        }
        bytes(outDir, "README.md", FolderFiles.readme(family, seed).getBytes(StandardCharsets.UTF_8), written);
        return List.copyOf(written);
    }

    private static void graphs(Path dir, OnnxGraph encoder, OnnxGraph embed, OnnxGraph decoder, List<Path> written)
            throws IOException {
        bytes(dir, "onnx/vision_encoder.onnx", encoder.toBytes(), written);
        bytes(dir, "onnx/embed_tokens.onnx", embed.toBytes(), written);
        bytes(dir, "onnx/decoder_model_merged.onnx", decoder.toBytes(), written);
    }

    private static void json(ObjectMapper m, Path dir, String name, JsonNode node, List<Path> written)
            throws IOException {
        bytes(dir, name, m.writeValueAsBytes(node), written);
    }

    private static void bytes(Path dir, String name, byte[] data, List<Path> written) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, data);
        written.add(p);
    }
}
