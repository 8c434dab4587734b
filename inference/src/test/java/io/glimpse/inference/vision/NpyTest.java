package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files below were written by numpy 1.24 {@code np.save} (base64 of the exact bytes). */
class NpyTest {
    static final String F4 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAHrEAAAAPwAASUCVv1a0";
    static final String F2 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIArQ4wA4SEIBAA==";
    static final String F4_2D = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final String F8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @TempDir
    Path tmp;

    Path write(String name, String base64) throws IOException {
        return Files.write(tmp.resolve(name), Base64.getDecoder().decode(base64));
    }

    @Test
    void readsFloat32Vectors() throws IOException {
        assertThat(Npy.readVector(write("a.npy", F4))).containsExactly(-1000f, 0.5f, 3.140625f, -2.0e-7f);
    }

    @Test
    void readsFloat16VectorsIncludingSubnormals() throws IOException {
        assertThat(Npy.readVector(write("h.npy", F2))).containsExactly(-1000f, 0.5f, 3.140625f, 5.9604645e-8f);
    }

    @Test
    void refusesAMatrix() throws IOException {
        Path f = write("m.npy", F4_2D);
        assertThatThrownBy(() -> Npy.readVector(f)).isInstanceOf(IOException.class)
                .hasMessage(f + ": expected a 1-D array, found shape (2, 3)");
    }

    @Test
    void refusesFloat64() throws IOException {
        Path f = write("d.npy", F8);
        assertThatThrownBy(() -> Npy.readVector(f)).hasMessage(f + ": expected float32 (<f4) or float16 (<f2) data, found <f8");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] full = Base64.getDecoder().decode(F4);
        Path f = Files.write(tmp.resolve("t.npy"), java.util.Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> Npy.readVector(f)).hasMessage(f + ": the header promises 4 values (16 bytes) but 13 bytes follow");
    }

    @Test
    void refusesAFileThatIsNotNpy() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.npy"), "hello, world");
        assertThatThrownBy(() -> Npy.readVector(f)).hasMessage(f + ": not a numpy .npy file (no \\x93NUMPY magic)");
    }
}
