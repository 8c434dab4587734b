package io.glimpse.inference.importer.hcx;

import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.WeightSource;
import io.glimpse.inference.vision.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code image_newline.npy} (float32 [D], numpy format 1.0) from the checkpoint's top-level
 * {@value #TENSOR} parameter, which HCX creates when {@code anyres} is on and AnyRes stitching appends
 * after every map row when {@code unpad} is on (docs/model-format.md). Stateless and thread-safe.
 */
public final class ImageNewline {
    public static final String TENSOR = "image_newline";
    public static final String FILE = "image_newline.npy";

    private ImageNewline() {
    }

    /** Whether the checkpoint has the vector (an HCX model without anyres has none). */
    public static boolean present(WeightSource weights) {
        return weights.has(TENSOR);
    }

    /**
     * @throws CheckpointException when the tensor is missing or not [D]
     * @throws IOException         when the file cannot be written
     */
    public static void write(HcxVisionConfig config, WeightSource weights, Path file) throws CheckpointException, IOException {
        float[] v = weights.floats(TENSOR, config.textHidden());
        Files.write(file, Npy.vectorBytes(v));
    }
}
