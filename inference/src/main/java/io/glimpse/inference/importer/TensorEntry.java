package io.glimpse.inference.importer;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One tensor's header entry in a safetensors file. Immutable.
 *
 * @param file      the shard that holds it
 * @param name      the checkpoint name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtypeName the dtype as the header spells it
 * @param dtype     that dtype, or null when Glimpse cannot read it (refused when the tensor is read)
 * @param shape     the dimensions, outermost first
 * @param begin     first byte, relative to the start of the data section
 * @param end       one past the last byte
 */
public record TensorEntry(Path file, String name, String dtypeName, DType dtype, long[] shape, long begin, long end) {
    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes of data. */
    public long bytes() {
        return end - begin;
    }

    /** Whether the shape equals {@code dims}. */
    public boolean hasShape(long... dims) {
        return Arrays.equals(shape, dims);
    }

    /** The shape as {@code [a, b]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
