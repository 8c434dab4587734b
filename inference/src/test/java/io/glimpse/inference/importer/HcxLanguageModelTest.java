package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.model.ModelFolder;
import io.glimpse.inference.model.OrtDecoder;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Llama inside the tiny HCX vision checkpoint, stored under {@code language_model.} with its
 * geometry in {@code text_config}: written as a decoder that takes {@code inputs_embeds}, it gives the
 * reference logits and greedy path for the fixture's 93 prompt rows (text + 81 image rows).
 */
class HcxLanguageModelTest {
    @TempDir
    Path tmp;

    /** Writes the language model as an inputs_embeds decoder folder; returns the geometry. */
    static DecoderGeometry writeDecoder(Checkpoint ckpt, Path src, Path dir, Ops ops) throws Exception {
        JsonNode text = ckpt.config().get("text_config");
        DecoderGeometry geo = DecoderGeometry.read(text, DecoderArchitectures.LLAMA.keys(), src.resolve("config.json"));
        DecoderBuilder b = new DecoderBuilder(geo, DecoderArchitectures.LLAMA.names("language_model."),
                new DecoderBuilder.Options(ops, true, LinearWriter.FP32, LinearWriter.FP32, false));
        Files.createDirectories(dir);
        try (ExternalData data = ExternalData.create(dir.resolve("decoder_model_merged.onnx_data"), 1024)) {
            OnnxGraph g = new OnnxGraph("decoder").externalData(data);
            b.build(g, ckpt);
            g.write(dir.resolve("decoder_model_merged.onnx"));
        }
        Files.write(dir.resolve("glimpse.json"), ImportedFolderJson.bytes(ImportedFolderJson.write(src, text,
                DecoderArchitectures.LLAMA, geo, true, Precision.FP32, ops, List.of())));
        return geo;
    }

    @Test
    void bothOpSetsGiveTheSameLogitsAtEveryStep() throws Exception {
        Path src = HfFixtures.folder("tiny-hcx-vision");
        float[] rows = npyFloats(src.resolve("inputs_embeds_cars.npy"));
        try (Checkpoint ckpt = Checkpoint.open(src)) {
            DecoderGeometry geo = writeDecoder(ckpt, src, tmp.resolve("standard"), Ops.STANDARD);
            writeDecoder(ckpt, src, tmp.resolve("fused"), Ops.FUSED);
            assertThat(FusedMath.rotaryInside(geo)).isTrue(); // head_dim 16: GroupQueryAttention's own rotary
            try (OrtDecoder a = OrtDecoder.open(ModelFolder.read(tmp.resolve("standard")), RuntimeOptions.cpu());
                 OrtDecoder b = OrtDecoder.open(ModelFolder.read(tmp.resolve("fused")), RuntimeOptions.cpu())) {
                double worst = ExaoneImportTest.maxAbsDiff(a.forwardEmbeddings(rows, 93), b.forwardEmbeddings(rows, 93));
                for (int step = 0; step < 8; step++) {
                    float[] row = Arrays.copyOfRange(rows, step * geo.hidden(), (step + 1) * geo.hidden());
                    worst = Math.max(worst, ExaoneImportTest.maxAbsDiff(a.forwardEmbeddings(row, 1), b.forwardEmbeddings(row, 1)));
                }
                assertThat(worst).isLessThan(1e-4);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ops.class)
    void theEmbeddingsDecoderMatchesTheReference(Ops ops) throws Exception {
        Path src = HfFixtures.folder("tiny-hcx-vision");
        JsonNode cars = new ObjectMapper().readTree(src.resolve("reference.json").toFile()).at("/inputs/cars");
        try (Checkpoint ckpt = Checkpoint.open(src)) {
            DecoderGeometry geo = writeDecoder(ckpt, src, tmp, ops);
            DecoderArchitecture.TensorNames names = DecoderArchitectures.LLAMA.names("language_model.");
            float[] embed = ckpt.floats(names.embed(), geo.vocab(), geo.hidden());
            float[] rows = npyFloats(src.resolve("inputs_embeds_cars.npy"));
            try (OrtDecoder d = OrtDecoder.open(ModelFolder.read(tmp), RuntimeOptions.cpu())) {
                float[] logits = d.forwardEmbeddings(rows, 93);
                JsonNode last = cars.get("last_logits");
                for (int i = 0; i < 10; i++) {
                    assertThat((double) logits[last.get("top_ids").get(i).asInt()])
                            .isCloseTo(last.get("top_values").get(i).asDouble(), Offset.offset(1e-4));
                }
                List<Integer> greedy = new ArrayList<>();
                for (int step = 0; step < 16; step++) {
                    int next = argmax(logits);
                    greedy.add(next);
                    logits = d.forwardEmbeddings(Arrays.copyOfRange(embed, next * geo.hidden(), (next + 1) * geo.hidden()), 1);
                }
                List<Integer> expected = new ArrayList<>();
                cars.get("greedy_16").forEach(n -> expected.add(n.asInt()));
                assertThat(greedy).isEqualTo(expected);

                // a prompt fed in two chunks (the second one over a cache) gives the same last logits
                d.reset();
                float[] whole = d.forwardEmbeddings(rows, 93).clone();
                d.reset();
                d.forwardEmbeddings(Arrays.copyOfRange(rows, 0, 50 * geo.hidden()), 50);
                float[] chunked = d.forwardEmbeddings(Arrays.copyOfRange(rows, 50 * geo.hidden(), rows.length), 43);
                assertThat(ExaoneImportTest.maxAbsDiff(chunked, whole)).isLessThan(1e-5);
            }
        }
    }

    /** A little-endian float32 .npy file's values (format 1.0, C order). */
    static float[] npyFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(8) & 0xFFFF;
        b.position(10 + headerLength);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
