package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The onnxruntime-genai phi3-v dummy folder: three graphs, wired by genai_config.json, read and checked. */
class GenaiVisionWiringTest {
    @TempDir
    Path tmp;

    static Path phi3v() {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set (run through Maven); fixture test skipped");
        Path p = Path.of(root).resolve("../shared/fixtures/ort-genai/phi3-v-dummy").normalize();
        assumeTrue(Files.isDirectory(p), "fixture " + p + " absent; test skipped");
        return p;
    }

    @Test
    void thePhi3VisionDummyFolderWiresItsThreeGraphs() throws Exception {
        Path folder = phi3v();
        GenaiVisionWiring wiring = GenaiVisionWiring.read(folder);
        assertThat(wiring.vision()).isEqualTo(new GenaiVisionWiring.Graph("dummy_vision.onnx",
                Map.of("pixel_values", "pixel_values", "image_sizes", "image_sizes"), Map.of("image_features", "image_features")));
        assertThat(wiring.embedding()).isEqualTo(new GenaiVisionWiring.Graph("dummy_embedding.onnx",
                Map.of("input_ids", "input_ids", "image_features", "image_features"), Map.of("inputs_embeds", "inputs_embeds")));
        assertThat(wiring.hiddenSize()).isEqualTo(3072);
        wiring.check(folder);

        ModelSpec spec = ModelFolder.read(folder);
        try (OrtDecoder decoder = OrtDecoder.open(spec, RuntimeOptions.cpu())) {
            assertThat(decoder.takesEmbeddings()).isTrue();
            assertThat(decoder.embeddingWidth()).isEqualTo(wiring.hiddenSize());
        }
    }

    @Test
    void aMisnamedOutputIsListedWithWhatTheGraphHas() throws Exception {
        Path copy = copy(phi3v(), "\"image_features\": \"image_features\"\n            }\n        },\n        \"eos",
                "\"image_features\": \"features\"\n            }\n        },\n        \"eos");
        GenaiVisionWiring wiring = GenaiVisionWiring.read(copy);
        assertThatThrownBy(() -> wiring.check(copy)).isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the vision graph's outputs do not match genai_config.json: expected [features], "
                        + "missing [features], the graph has [image_features]");
    }

    @Test
    void aHiddenSizeThatDiffersFromTheGraphsIsRefusedWithBothNumbers() throws Exception {
        Path copy = copy(phi3v(), "\"hidden_size\": 3072", "\"hidden_size\": 2048");
        assertThatThrownBy(() -> GenaiVisionWiring.read(copy).check(copy)).isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the vision graph's image_features rows are 3072 wide but genai_config.json "
                        + "model.decoder.hidden_size is 2048");
    }

    @Test
    void aMissingGraphIsNamed() throws Exception {
        Path copy = copy(phi3v(), "dummy_vision.onnx", "absent_vision.onnx");
        assertThatThrownBy(() -> GenaiVisionWiring.read(copy)).isInstanceOf(ModelFolderException.class)
                .hasMessage(copy + ": the model folder has no absent_vision.onnx (named by genai_config.json model.vision.filename)");
    }

    /** The fixture's graphs and a genai_config.json with {@code from} replaced by {@code to}. */
    Path copy(Path fixture, String from, String to) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("phi3v"));
        for (String f : new String[] {"dummy_vision.onnx", "dummy_embedding.onnx", "dummy_text.onnx"}) {
            Files.copy(fixture.resolve(f), copy.resolve(f));
        }
        String config = Files.readString(fixture.resolve("genai_config.json"));
        assertThat(config).contains(from);
        Files.writeString(copy.resolve("genai_config.json"), config.replace(from, to));
        return copy;
    }
}
