package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.ModelSpec;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's all-or-nothing contract, its refusals and what it writes, on a crafted tiny Llama. */
class ImporterTest {
    @TempDir
    Path tmp;

    private Path source() throws IOException {
        return SafetensorsWriter.tinyLlama(tmp.resolve("src"), SafetensorsWriter.tinyLlamaConfig());
    }

    private static ImportOptions fp32() {
        return ImportOptions.defaults().withPrecision(Precision.FP32);
    }

    /** Every entry of the output's parent folder, to show nothing was left behind. */
    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheFolderReportsProgressAndReadsBackAsAModel() throws Exception {
        Path src = source();
        List<ImportListener.Progress> seen = new ArrayList<>();
        ImportReport r = new Importer().run(src, tmp.resolve("out"), fp32(), seen::add, CancelToken.NONE);
        assertThat(siblings()).containsExactly("out", "src");
        assertThat(r.files()).containsOnlyKeys("decoder_model_merged.onnx", "decoder_model_merged.onnx_data", "glimpse.json",
                "config.json");
        assertThat(r.parameters()).isEqualTo(2L * 64 * 32 + 2 * (32 * 16 * 8L + 64 * 32 + 3 * 32 * 48 + 64) + 32);
        assertThat(seen).hasSize(2 + 2 * 9 + 1);
        ImportListener.Progress last = seen.get(seen.size() - 1);
        assertThat(last.tensorsDone()).isEqualTo(last.tensorsTotal()).isEqualTo(21);
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(r.parameters() * 4);
        ModelSpec spec = ModelFolder.read(tmp.resolve("out"));
        assertThat(spec.decoder().layers()).isEqualTo(2);
        assertThat(spec.decoder().kvHeads()).isEqualTo(2);
        assertThat(spec.decoder().headSize()).isEqualTo(16);
        assertThat(spec.contextLength()).isEqualTo(128);
        assertThat(spec.stopIds()).containsExactly(2);
        assertThat(spec.notes()).anyMatch(n -> n.contains("precision fp32"));
        // every weight went to the data file; the graph keeps only the small tensors
        assertThat(r.files().get("decoder_model_merged.onnx")).isLessThan(20_000);
    }

    @Test
    void anExistingOutputIsRefusedWithoutForceAndReplacedOnlyAfterSuccess() throws Exception {
        Path src = source();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "old");
        assertThatThrownBy(() -> new Importer().run(src, out, fp32(), ImportListener.NONE, CancelToken.NONE))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("already exists; pass --force");
        CancelToken cancel = new CancelToken();
        assertThatThrownBy(() -> new Importer().run(src, out, fp32().withForce(true), p -> cancel.cancel(), cancel))
                .isInstanceOf(CancelledException.class);
        assertThat(out.resolve("keep.txt")).hasContent("old");
        new Importer().run(src, out, fp32().withForce(true), ImportListener.NONE, CancelToken.NONE);
        assertThat(out.resolve("keep.txt")).doesNotExist();
        assertThat(out.resolve("glimpse.json")).exists();
        assertThat(siblings()).containsExactly("out", "src");
    }

    @Test
    void aCancelOrAFailureMidwayLeavesNothingBehind() throws Exception {
        Path src = source();
        CancelToken cancel = new CancelToken();
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), p -> {
            if (p.tensorsDone() == 3) {
                cancel.cancel();
            }
        }, cancel)).isInstanceOf(CancelledException.class);
        assertThat(siblings()).containsExactly("src");
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), p -> {
            if (p.tensorsDone() == 7) {
                throw new IllegalStateException("disk on fire");
            }
        }, CancelToken.NONE)).hasMessage("disk on fire");
        assertThat(siblings()).containsExactly("src");
    }

    @Test
    void notEnoughDiskSpaceIsRefusedWithBothNumbersBeforeWriting() throws Exception {
        Path src = source();
        assertThatThrownBy(() -> new Importer(folder -> 1000).run(src, tmp.resolve("out"), fp32(), ImportListener.NONE,
                CancelToken.NONE)).isInstanceOf(CheckpointException.class)
                .hasMessageMatching(".*not enough disk space: the import needs about \\d+ bytes and 1000 are free");
        assertThat(siblings()).containsExactly("src");
    }

    @Test
    void aMissingConfigKeyIsNamedWithItsFile() throws Exception {
        ObjectNode config = SafetensorsWriter.tinyLlamaConfig();
        config.remove("intermediate_size");
        Path src = SafetensorsWriter.tinyLlama(tmp.resolve("src"), config);
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), ImportListener.NONE, CancelToken.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("config.json").hasMessageContaining("has no intermediate_size");
    }

    @Test
    void anUnsupportedArchitectureListsTheSupportedOnes() throws Exception {
        ObjectNode config = SafetensorsWriter.tinyLlamaConfig();
        config.putArray("architectures").add("MistralForCausalLM");
        Path src = SafetensorsWriter.tinyLlama(tmp.resolve("src"), config);
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), ImportListener.NONE, CancelToken.NONE))
                .hasMessageContaining("architecture MistralForCausalLM is not supported; supported: LlamaForCausalLM, ExaoneForCausalLM");
    }

    @Test
    void aMissingTensorIsNamedBeforeAnythingIsWritten() throws Exception {
        Path src = source();
        new SafetensorsWriter().f32("model.norm.weight", new float[32], 32).write(src.resolve("model.safetensors"));
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), ImportListener.NONE, CancelToken.NONE))
                .hasMessageContaining("tensor model.embed_tokens.weight is missing from the checkpoint");
        assertThat(siblings()).containsExactly("src");
    }

    @Test
    void biasesAndUnknownRopeScalingAreRefusedByName() throws Exception {
        ObjectNode config = SafetensorsWriter.tinyLlamaConfig();
        config.put("attention_bias", true);
        Path src = SafetensorsWriter.tinyLlama(tmp.resolve("a"), config);
        assertThatThrownBy(() -> new Importer().run(src, tmp.resolve("out"), fp32(), ImportListener.NONE, CancelToken.NONE))
                .hasMessageContaining("attention_bias is true");
        ObjectNode yarn = SafetensorsWriter.tinyLlamaConfig();
        yarn.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0);
        Path src2 = SafetensorsWriter.tinyLlama(tmp.resolve("b"), yarn);
        assertThatThrownBy(() -> new Importer().run(src2, tmp.resolve("out"), fp32(), ImportListener.NONE, CancelToken.NONE))
                .hasMessageContaining("rope_scaling type yarn is not supported");
    }

    @Test
    void int4StoresMatMulNBitsWeightsInAboutAnEighthOfTheFloatBytes() throws Exception {
        Path src = source();
        ImportReport full = new Importer().run(src, tmp.resolve("a"), fp32(), ImportListener.NONE, CancelToken.NONE);
        ImportReport q4 = new Importer().run(src, tmp.resolve("b"), ImportOptions.defaults().withPrecision(Precision.INT4),
                ImportListener.NONE, CancelToken.NONE);
        assertThat(q4.precision()).isEqualTo(Precision.INT4);
        assertThat(q4.files().get("decoder_model_merged.onnx_data"))
                .isLessThan(full.files().get("decoder_model_merged.onnx_data") / 3);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("b/glimpse.json").toFile());
        assertThat(json.at("/imported/precision").asText()).isEqualTo("int4");
    }

    @Test
    void fp16HalvesTheWeightFileAndKeepsTheWiring() throws Exception {
        Path src = source();
        ImportReport full = new Importer().run(src, tmp.resolve("a"), fp32(), ImportListener.NONE, CancelToken.NONE);
        ImportReport half = new Importer().run(src, tmp.resolve("b"), ImportOptions.defaults().withPrecision(Precision.FP16),
                ImportListener.NONE, CancelToken.NONE);
        assertThat(half.files().get("decoder_model_merged.onnx_data"))
                .isLessThan(full.files().get("decoder_model_merged.onnx_data") * 6 / 10);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("b/glimpse.json").toFile());
        assertThat(json.at("/imported/precision").asText()).isEqualTo("fp16");
    }

    @Test
    void theFamilyTemplateIsNamedOnlyWhenTheCheckpointHasNoJinjaTemplate() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("exaone"));
        DecoderGeometry geo = DecoderGeometry.read(SafetensorsWriter.tinyLlamaConfig(), DecoderArchitectures.LLAMA.keys(),
                src.resolve("config.json"));
        ObjectNode config = SafetensorsWriter.tinyLlamaConfig();
        JsonNode bare = ImportedFolderJson.write(src, config, DecoderArchitectures.EXAONE, geo, false, Precision.FP32, Ops.FUSED,
                List.of("a note"));
        assertThat(bare.get("chat_template").asText()).isEqualTo("exaone-3");
        assertThat(bare.get("notes").get(0).asText()).isEqualTo("a note");
        Files.writeString(src.resolve("tokenizer_config.json"), "{\"chat_template\": \"{{ messages }}\"}");
        JsonNode own = ImportedFolderJson.write(src, config, DecoderArchitectures.EXAONE, geo, false, Precision.FP32, Ops.FUSED,
                List.of());
        assertThat(own.get("chat_template").isNull()).isTrue();
        assertThat(ImportedFolderJson.write(src, config, DecoderArchitectures.LLAMA, geo, false, Precision.FP32, Ops.FUSED,
                List.of()).get("chat_template").isNull()).isTrue();
    }
}
