package io.glimpse.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.ModelFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs the fuzz targets (ModelFolderFuzzTest) found the readers mishandling: each is now refused
 * with one line, or read as the field being absent. The crashing inputs are kept in
 * ModelFolderFuzzTestInputs/ too, so regression mode replays them.
 */
class ModelFolderOddValuesTest {
    @TempDir
    Path tmp;

    private Path folder(String config, String json) throws Exception {
        Files.createDirectories(tmp.resolve("onnx"));
        Files.createFile(tmp.resolve("model.onnx"));
        Files.createFile(tmp.resolve("onnx/model.onnx"));
        Files.writeString(tmp.resolve(config), json);
        return tmp;
    }

    @Test
    void aCachePatternWithAnUnknownConversionIsRefused() throws Exception {
        Path f = folder("glimpse.json", """
                {"decoder": {"file": "model.onnx", "kv_layout": "stacked", "outputs": {"present": "present_%D"},
                             "layers": 2, "kv_heads": 2, "head_size": 8}, "vocab_size": 10, "context_length": 16}""");
        assertThatThrownBy(() -> ModelFolder.read(f)).isInstanceOf(ModelFolderException.class)
                .hasMessage(f + ": glimpse.json gives the cache tensor name pattern present_%D, which needs one %d for the layer number");
    }

    @Test
    void aCachePatternWithTwoConversionsIsRefused() throws Exception {
        Path f = folder("glimpse.json", """
                {"decoder": {"file": "model.onnx", "inputs": {"past_key": "past.%d.%d"},
                             "layers": 2, "kv_heads": 2, "head_size": 8}, "vocab_size": 10, "context_length": 16}""");
        assertThatThrownBy(() -> ModelFolder.read(f))
                .hasMessage(f + ": glimpse.json gives the cache tensor name pattern past.%d.%d, which needs one %d for the layer number");
    }

    @Test
    void aCachePatternWithoutTheLayerNumberIsRefused() throws Exception {
        Path f = folder("genai_config.json", """
                {"model": {"vocab_size": 10, "context_length": 16, "decoder": {"filename": "model.onnx",
                 "num_hidden_layers": 2, "num_attention_heads": 2, "head_size": 8,
                 "outputs": {"present_value_names": "present.value"}}}}""");
        assertThatThrownBy(() -> ModelFolder.read(f))
                .hasMessage(f + ": genai_config.json gives the cache tensor name pattern present.value, which needs one %d for the layer number");
    }

    @Test
    void aNullSamplingValueCountsAsNotSet() throws Exception {
        Path f = folder("glimpse.json", """
                {"decoder": {"file": "model.onnx", "layers": 2, "kv_heads": 2, "head_size": 8}, "vocab_size": 10,
                 "context_length": 16, "sampling": {"temperature": null, "top_k": 40}}""");
        assertThat(ModelFolder.read(f).sampling()).containsOnlyKeys("top_k").containsEntry("top_k", 40);
    }

    @Test
    void zeroKeyValueHeadsAreRefused() throws Exception {
        Path f = folder("genai_config.json", """
                {"model": {"vocab_size": 10, "context_length": 16, "decoder": {"filename": "model.onnx",
                 "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 0, "head_size": 8}}}""");
        assertThatThrownBy(() -> ModelFolder.read(f))
                .hasMessage(f + ": genai_config.json model.decoder needs a positive integer num_key_value_heads, got 0");
    }

    @Test
    void aHiddenSizeTheHeadsDoNotSplitIsRefused() throws Exception {
        Path f = folder("config.json", """
                {"num_hidden_layers": 2, "num_attention_heads": 8, "hidden_size": 4, "vocab_size": 10}""");
        assertThatThrownBy(() -> ModelFolder.read(f))
                .hasMessage(f + ": config.json hidden_size 4 does not split into 8 attention heads (and there is no head_dim)");
    }
}
