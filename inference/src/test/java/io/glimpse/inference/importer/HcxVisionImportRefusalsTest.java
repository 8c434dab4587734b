package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.media.CancelToken;
import io.glimpse.media.CancelledException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an HCX vision import refuses, before writing anything, and that a refusal or a cancel leaves nothing behind. */
class HcxVisionImportRefusalsTest {
    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out").resolve("model");
    }

    private void assertNothingLeftBehind() throws Exception {
        assertThat(out()).doesNotExist();
        if (Files.isDirectory(out().getParent())) {
            try (var left = Files.list(out().getParent())) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void aCheckpointWithoutATokenizerIsRefusedNamingIt() throws Exception {
        Path src = TinyHcxCheckpoint.withoutTokenizer(dir.resolve("ckpt"));
        assertThatThrownBy(() -> new Importer().run(src, out(), ImportOptions.defaults(), ImportListener.NONE, CancelToken.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has no tokenizer.json: an HCX vision model folder cannot run without its tokenizer");
        assertNothingLeftBehind();
    }

    @Test
    void aTextModelOtherThanLlamaIsRefusedByName() throws Exception {
        Path src = TinyHcxCheckpoint.withTokenizer(dir.resolve("ckpt"));
        editConfig(src, c -> ((ObjectNode) c.get("text_config")).put("model_type", "qwen2"));
        assertThatThrownBy(() -> new Importer().run(src, out(), ImportOptions.defaults(), ImportListener.NONE, CancelToken.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("text_config.model_type 'qwen2' is not supported");
        assertNothingLeftBehind();
    }

    @Test
    void aPlaceholderIdTheTokenizerLacksIsRefused() throws Exception {
        Path src = TinyHcxCheckpoint.withTokenizer(dir.resolve("ckpt"));
        editConfig(src, c -> c.put("image_token_id", 4000));
        assertThatThrownBy(() -> new Importer().run(src, out(), ImportOptions.defaults(), ImportListener.NONE, CancelToken.NONE))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has no token with id 4000 (config.json's image_token_id)");
        assertNothingLeftBehind();
    }

    @Test
    void aCancelInTheDecoderLeavesNothingBehind() throws Exception {
        Path src = TinyHcxCheckpoint.withTokenizer(dir.resolve("ckpt"));
        CancelToken cancel = new CancelToken();
        ImportListener cancelInDecoder = p -> {
            if (p.tensor().startsWith("language_model.model.layers.")) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> new Importer().run(src, out(), ImportOptions.defaults(), cancelInDecoder, cancel))
                .isInstanceOf(CancelledException.class);
        assertNothingLeftBehind();
    }

    private static void editConfig(Path src, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Path file = src.resolve("config.json");
        ObjectNode c = (ObjectNode) m.readTree(file.toFile());
        edit.accept(c);
        Files.delete(file); // the copy is read-only, as the fixture is
        m.writeValue(file.toFile(), c);
    }
}
