package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folders: shards through the index, missing and misshapen tensors named. */
class CheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void anIndexNamingAMissingShardIsRefused() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{}");
        new SafetensorsWriter().f32("a", new float[2], 2).write(tmp.resolve("model-00001-of-00002.safetensors"));
        Files.writeString(tmp.resolve(Checkpoint.INDEX), "{\"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                + " \"b\": \"model-00002-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(tmp)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(Checkpoint.INDEX).hasMessageContaining("names shard model-00002-of-00002.safetensors, which is not in the folder");
    }

    @Test
    void aMissingTensorIsNamedAndAWrongShapeNamesBothShapes() throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{}");
        new SafetensorsWriter().f32("model.norm.weight", new float[6], 2, 3).write(tmp.resolve(Checkpoint.SINGLE));
        try (Checkpoint c = Checkpoint.open(tmp)) {
            assertThat(c.tensorNames()).containsExactly("model.norm.weight");
            assertThatThrownBy(() -> c.floats("model.embed_tokens.weight", 4, 2))
                    .hasMessageContaining("tensor model.embed_tokens.weight is missing from the checkpoint");
            assertThatThrownBy(() -> c.floats("model.norm.weight", 3, 2))
                    .hasMessageContaining("tensor model.norm.weight has shape [2, 3] but config.json implies [3, 2]");
            assertThat(c.floats("model.norm.weight", 2, 3)).hasSize(6);
        }
    }

    @Test
    void theShardedStoriesFixtureReadsAcrossItsShards() throws Exception {
        try (Checkpoint c = Checkpoint.open(HfFixtures.folder("stories260K-llama-sharded"))) {
            assertThat(c.tensorNames()).hasSize(47).doesNotContain("lm_head.weight");
            assertThat(c.floats("model.layers.4.mlp.down_proj.weight", 64, 172)).hasSize(64 * 172);
        }
    }
}
