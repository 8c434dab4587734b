package io.glimpse.inference.importer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The safetensors dtypes the importer reads, each widened to float32 exactly. */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The dtype of a header name, or null when it is one Glimpse does not read (I8, F64, F8_E4M3, ...). */
    static DType of(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static String supportedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Widens {@code count} little-endian values to floats. */
    float[] toFloats(ByteBuffer raw, int count) {
        ByteBuffer in = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = io.glimpse.inference.model.Float16.toFloat(in.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((in.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
