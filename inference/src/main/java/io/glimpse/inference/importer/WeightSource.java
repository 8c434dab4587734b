package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an importer takes its weights from, one tensor at a time: a downloaded {@link Checkpoint},
 * or generated random weights of a real geometry (the import benchmark). The graph builders read
 * weights only through this, so both paths write the same graphs. Values are float32, row-major,
 * in the checkpoint's own layout (a Linear weight is {@code [out, in]}).
 */
public interface WeightSource {
    /** The model's config.json. */
    JsonNode config();

    /** Whether the tensor exists. */
    boolean has(String name);

    /**
     * The tensor's values, which must have exactly this shape.
     *
     * @throws CheckpointException naming the tensor when it is missing, of another shape or unreadable
     */
    float[] floats(String name, long... shape) throws CheckpointException;
}
