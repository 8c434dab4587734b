package io.glimpse.inference.importer.hcx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import io.glimpse.inference.importer.Checkpoint;
import io.glimpse.inference.vision.Npy;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed_tokens.onnx and image_newline.npy written from the fixture checkpoint. */
class EmbedTokensBuilderTest {
    @TempDir
    Path dir;

    @Test
    void embedTokensGivesTheTableRowsOfTheIds() throws Exception {
        Path fixture = TinyHcxVision.folder();
        long[] ids = {1, 72, 105, 511, 0, 72};
        float[] table;
        Path graph = dir.resolve("embed_tokens.onnx");
        try (Checkpoint cp = Checkpoint.open(fixture)) {
            HcxVisionConfig config = HcxVisionConfig.from(cp.config(), fixture.resolve("config.json"));
            EmbedTokensBuilder.build(config, cp, null).write(graph);
            table = cp.floats(EmbedTokensBuilder.TABLE, 512, 64);
        }
        OnnxTensor input = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), LongBuffer.wrap(ids), new long[] {1, ids.length});
        NpyArray out = TinyHcxVision.run(graph, Map.of(EmbedTokensBuilder.INPUT_IDS, input));
        assertThat(out.shape()).containsExactly(1, ids.length, 64);
        for (int s = 0; s < ids.length; s++) {
            int id = (int) ids[s];
            assertThat(Arrays.copyOfRange(out.data(), s * 64, (s + 1) * 64)).as("row of id %d", id)
                    .containsExactly(Arrays.copyOfRange(table, id * 64, (id + 1) * 64));
        }
    }

    @Test
    void imageNewlineIsWrittenAsAFloat32Vector() throws Exception {
        Path fixture = TinyHcxVision.folder();
        Path file = dir.resolve(ImageNewline.FILE);
        float[] expected;
        try (Checkpoint cp = Checkpoint.open(fixture)) {
            HcxVisionConfig config = HcxVisionConfig.from(cp.config(), fixture.resolve("config.json"));
            assertThat(ImageNewline.present(cp)).isTrue();
            ImageNewline.write(config, cp, file);
            expected = cp.floats(ImageNewline.TENSOR, 64);
        }
        assertThat(Npy.readVector(file)).containsExactly(expected);
    }
}
