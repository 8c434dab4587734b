package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.glimpse.inference.ModelFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the model folder readers ({@link ModelFolder#read}) on a glimpse.json, genai_config.json or
 * config.json written from the fuzz input into a folder that holds the (empty) graph files the usual
 * configs name, so the readers get past their file checks (docs/fuzzing.md). Passing means: the
 * reader either throws a one-line {@link ModelFolderException} naming the folder, or returns a spec
 * whose geometry is positive and whose tensor-name patterns format for layer 0 (what loading does
 * next). Anything else is a finding. Regression mode replays {@code ModelFolderFuzzTestInputs/<method>/}.
 */
class ModelFolderFuzzTest {
    /** Graph files the seed configs name; empty, since no reader opens them. */
    private static final List<String> GRAPHS = List.of("model.onnx", "onnx/model.onnx", "onnx/decoder_model_merged.onnx",
            "vision.onnx", "embed.onnx", "newline.bin");

    @TempDir
    static Path root;

    @FuzzTest
    void glimpseJson(byte[] data) throws IOException {
        check(folder("glimpse"), "glimpse.json", data);
    }

    @FuzzTest
    void genaiConfig(byte[] data) throws IOException {
        check(folder("genai"), "genai_config.json", data);
    }

    @FuzzTest
    void optimumConfig(byte[] data) throws IOException {
        check(folder("optimum"), "config.json", data);
    }

    /** config.json of a transformers.js image-text-to-text folder (vision graphs, tokenizer with an image token). */
    @FuzzTest
    void optimumVisionConfig(byte[] data) throws IOException {
        Path folder = folder("vision");
        if (!Files.exists(folder.resolve("tokenizer.json"))) {
            for (String graph : List.of("onnx/vision_encoder.onnx", "onnx/embed_tokens.onnx")) {
                Files.createFile(folder.resolve(graph));
            }
            Files.writeString(folder.resolve("preprocessor_config.json"), "{\"size\": {\"shortest_edge\": 8}}");
            Files.writeString(folder.resolve("tokenizer.json"),
                    "{\"added_tokens\": [{\"id\": 31, \"content\": \"<image>\"}, {\"id\": 2, \"content\": \"</s>\"}]}");
        }
        check(folder, "config.json", data);
    }

    /** One folder per target: a config another target left behind would take precedence. */
    private static Path folder(String name) throws IOException {
        Path folder = root.resolve(name);
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.resolve("onnx"));
            for (String graph : GRAPHS) {
                Files.createFile(folder.resolve(graph));
            }
        }
        return folder;
    }

    private static void check(Path folder, String config, byte[] data) throws IOException {
        Files.write(folder.resolve(config), data);
        ModelSpec spec;
        try {
            spec = ModelFolder.read(folder);
        } catch (ModelFolderException e) {
            assertThat(e.getMessage()).startsWith(folder + ": ").doesNotContain("\n");
            return;
        }
        assertThat(spec.source()).isEqualTo(config);
        assertThat(spec.vocabSize()).isPositive();
        assertThat(spec.contextLength()).isPositive();
        DecoderWiring d = spec.decoder();
        assertThat(d.layers()).isPositive();
        assertThat(d.kvHeads()).isPositive();
        assertThat(d.headSize()).isPositive();
        Stream.of(d.pastKey(), d.pastValue(), d.pastStacked(), d.presentKey(), d.presentValue(), d.presentStacked())
                .filter(p -> p != null)
                .forEach(p -> DecoderWiring.name(p, 0));
    }
}
