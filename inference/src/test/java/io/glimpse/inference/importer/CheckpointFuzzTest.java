package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes what the importer reads from a Hugging Face checkpoint (docs/fuzzing.md): the safetensors
 * reader ({@link SafetensorsFile} through {@link Checkpoint}) on a {@code model.safetensors} written
 * from the fuzz input, and config.json through {@link Importer#run} (architecture, geometry, rope
 * scaling, then the tensor checks against a one-tensor checkpoint, which stop it before anything is
 * written). Passing means: success, or a one-line {@link CheckpointException} naming a path in the
 * folder; anything else is a finding. Regression mode replays {@code CheckpointFuzzTestInputs/<method>/}.
 */
class CheckpointFuzzTest {
    /** Tensors up to this many values are also read as floats (bigger ones only mapped). */
    private static final long MAX_READ = 1 << 20;

    @TempDir
    static Path root;

    @FuzzTest
    void safetensors(byte[] data) throws IOException {
        Path folder = root.resolve("safetensors");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("config.json"), "{\"architectures\": [\"LlamaForCausalLM\"]}");
        }
        Files.write(folder.resolve(Checkpoint.SINGLE), data);
        try (Checkpoint ckpt = Checkpoint.open(folder)) {
            for (String name : ckpt.tensorNames()) {
                TensorEntry t = ckpt.entry(name);
                assertThat(t.bytes()).isNotNegative();
                if (t.dtype() != null) {
                    // exact arithmetic: a shape whose byte size overflows a long must have been refused
                    long count = 1;
                    for (long d : t.shape()) {
                        count = Math.multiplyExact(count, d);
                    }
                    assertThat(t.bytes()).isEqualTo(Math.multiplyExact(count, (long) t.dtype().bytes()));
                }
                if (t.dtype() != null && t.count() <= MAX_READ) {
                    assertThat(ckpt.floats(name, t.shape())).hasSize((int) t.count());
                }
            }
        } catch (CheckpointException e) {
            assertOneLineNaming(e, folder);
        }
    }

    @FuzzTest
    void importConfig(byte[] data) throws IOException {
        Path folder = root.resolve("config");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            Files.write(folder.resolve(Checkpoint.SINGLE), oneTensor());
        }
        Files.write(folder.resolve("config.json"), data);
        try {
            new Importer(f -> Long.MAX_VALUE).run(folder, root.resolve("out"), ImportOptions.defaults(),
                    ImportListener.NONE, CancelToken.NONE);
            throw new AssertionError("imported a checkpoint that has only one tensor");
        } catch (CheckpointException e) {
            assertOneLineNaming(e, folder);
        }
        assertThat(root.resolve("out")).doesNotExist();
    }

    /** A safetensors file with one F32 [2, 2] tensor, model.embed_tokens.weight. */
    static byte[] oneTensor() {
        byte[] header = "{\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (int i = 0; i < 4; i++) {
            b.putFloat(i + 0.5f);
        }
        return b.array();
    }

    private static void assertOneLineNaming(CheckpointException e, Path folder) {
        assertThat(e.getMessage()).startsWith(folder.toString()).doesNotContain("\n");
    }
}
