package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes whose element or byte count overflows a long (found while writing the safetensors fuzz
 * target; the same files are in CheckpointFuzzTestInputs/safetensors/): refused by name, where the
 * element count used to escape as an ArithmeticException and a byte count of exactly 2^64 passed as 0.
 */
class SafetensorsOverflowTest {
    @TempDir
    Path tmp;

    @Test
    void aShapeWithMoreElementsThanALongIsRefused() throws IOException {
        Path f = headerOnly("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}");
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(CheckpointException.class)
                .hasMessage(f + ": tensor a: shape [4294967296,4294967296] has more elements than any file can hold");
    }

    @Test
    void aShapeWhoseByteCountWrapsToZeroIsRefused() throws IOException {
        Path f = headerOnly("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}");
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(CheckpointException.class)
                .hasMessage(f + ": tensor a: shape [4611686018427387904] has more elements than any file can hold");
    }

    private Path headerOnly(String json) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header);
        return Files.write(tmp.resolve("x.safetensors"), b.array());
    }
}
