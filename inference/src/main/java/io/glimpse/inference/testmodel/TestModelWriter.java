package io.glimpse.inference.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
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
 * image/video pipeline can run (and be tested) without downloading a real model. The layout is
 * the one of docs/model-format.md: glimpse.json, config.json, preprocessor_config.json,
 * tokenizer.json, image_newline.npy, onnx/vision_encoder.onnx, onnx/embed_tokens.onnx,
 * onnx/decoder_model_merged.onnx and a README.md saying what the folder is.
 *
 * <p>Stateless and thread-safe; two calls writing to the same folder at once would interleave
 * files. The same family and seed give byte-identical files.
 */
public final class TestModelWriter {
    /** The files every family writes, relative to the folder, in writing order. */
    public static final List<String> FILES = List.of("glimpse.json", "config.json", "preprocessor_config.json",
            "tokenizer.json", "image_newline.npy", "onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx",
            "onnx/decoder_model_merged.onnx", "README.md");

    /** Which test model. */
    public enum Family {
        /** A random-weight HCX-vision-like model (a real small decoder with a KV cache); answers gibberish. */
        HCX_VISION("hcx-vision"),
        /** Deterministic probe: every graph's output tells which inputs it received (see README it writes). */
        HCX_VISION_PROBE("hcx-vision-probe");

        private final String cliName;

        Family(String cliName) {
            this.cliName = cliName;
        }

        /** The name used on the command line, e.g. {@code hcx-vision-probe}. */
        public String cliName() {
            return cliName;
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
     * Writes the folder (created if missing; files of the same names are replaced, others are left
     * alone: the caller decides whether a non-empty folder may be used).
     *
     * @param seed seed of the random weights; the probe family ignores it
     * @return the written files, as {@link #FILES} resolved against {@code outDir}
     */
    public static List<Path> write(Path outDir, Family family, long seed) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(outDir.resolve("onnx"));
        List<Path> written = new ArrayList<>();
        json(m, outDir, "glimpse.json", FolderFiles.glimpseJson(m), written);
        json(m, outDir, "config.json", FolderFiles.configJson(m), written);
        json(m, outDir, "preprocessor_config.json", FolderFiles.preprocessorJson(m), written);
        json(m, outDir, "tokenizer.json", TinyTokenizer.json(m), written);

        OnnxGraph encoder;
        OnnxGraph embed;
        OnnxGraph decoder;
        float[] newline;
        if (family == Family.HCX_VISION) {
            Weights w = new Weights(seed); // one stream, always consumed in this order
            encoder = VisionGraphs.randomEncoder(w);
            embed = VisionGraphs.randomEmbed(w);
            decoder = DecoderGraphs.random(w);
            newline = w.normal(TinyHcx.HIDDEN, 0.02);
        } else {
            encoder = VisionGraphs.probeEncoder();
            embed = VisionGraphs.probeEmbed();
            decoder = DecoderGraphs.probe();
            newline = new float[TinyHcx.HIDDEN];
            newline[0] = -1000f;
        }
        bytes(outDir, "image_newline.npy", FolderFiles.npy(newline), written);
        bytes(outDir, "onnx/vision_encoder.onnx", encoder.toBytes(), written);
        bytes(outDir, "onnx/embed_tokens.onnx", embed.toBytes(), written);
        bytes(outDir, "onnx/decoder_model_merged.onnx", decoder.toBytes(), written);
        bytes(outDir, "README.md", FolderFiles.readme(family, seed).getBytes(StandardCharsets.UTF_8), written);
        return List.copyOf(written);
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
