package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted safetensors files: honest ones read exactly, lying or damaged ones refused with the numbers. */
class SafetensorsFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsF32F16AndBf16ValuesExactly() throws Exception {
        Path f = tmp.resolve("ok.safetensors");
        new SafetensorsWriter()
                .f32("a", new float[] {1.5f, -2f}, 2)
                .raw("h", "F16", new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0}, 2) // 1.0, -2.0
                .raw("b", "BF16", new byte[] {(byte) 0xC0, 0x3F, 0x49, 0x40}, 2) // 1.5, 3.140625
                .write(f);
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            assertThat(s.floats(s.tensors().get("a"))).containsExactly(1.5f, -2f);
            assertThat(s.floats(s.tensors().get("h"))).containsExactly(1f, -2f);
            assertThat(s.floats(s.tensors().get("b"))).containsExactly(1.5f, 3.140625f);
            assertThat(s.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void aTruncatedFileIsRefusedWithItsSize() throws Exception {
        Path f = tmp.resolve("t.safetensors");
        new SafetensorsWriter().f32("a", new float[16], 16).write(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 10));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("t.safetensors").hasMessageContaining("tensor a ends at data byte 64")
                .hasMessageContaining("only 54 data bytes");
        Files.write(f, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("3 bytes, shorter than its 8-byte header length");
        Files.write(f, Arrays.copyOf(all, 20));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("truncated")
                .hasMessageContaining("the file has 20 bytes in all");
    }

    @Test
    void overlappingTensorsAreRefusedNamingBoth() throws Exception {
        Path f = tmp.resolve("o.safetensors");
        new SafetensorsWriter().f32("a", new float[4], 4).f32("b", new float[4], 4).lieAbout("b", 8, 24).write(f);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensors a and b overlap (bytes 0–16 and 8–24)");
    }

    @Test
    void offsetsBeyondTheEndAreRefused() throws Exception {
        Path f = tmp.resolve("e.safetensors");
        new SafetensorsWriter().f32("a", new float[4], 4).lieAbout("a", 0, 400).write(f);
        assertThatThrownBy(() -> SafetensorsFile.open(f))
                .hasMessageContaining("tensor a ends at data byte 400 but the file has only 16 data bytes");
    }

    @Test
    void aLengthThatDiffersFromShapeTimesDtypeIsRefused() throws Exception {
        Path f = tmp.resolve("l.safetensors");
        new SafetensorsWriter().f32("a", new float[6], 2, 2).write(f); // 24 bytes for a 2×2 F32 tensor (16)
        assertThatThrownBy(() -> SafetensorsFile.open(f))
                .hasMessageContaining("tensor a: data_offsets give 24 bytes but shape [2, 2] of F32 needs 16");
    }

    @Test
    void anUnsupportedDtypeIsNamedWhenTheTensorIsRead() throws Exception {
        Path f = tmp.resolve("i8.safetensors");
        new SafetensorsWriter().raw("q", "I8", new byte[4], 4).write(f);
        try (SafetensorsFile s = SafetensorsFile.open(f)) {
            assertThatThrownBy(() -> s.floats(s.tensors().get("q"))).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("tensor q has dtype I8; supported: F32, F16, BF16");
        }
    }
}
