package io.glimpse.inference.importer;

import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One kind of model folder {@link Importer} can write from a checkpoint: a text decoder
 * ({@link DecoderImport}) or a vision-language model ({@link HcxVisionImport}). Created once the
 * config is read and checked; the importer then checks every tensor of {@link #tensorsRead()}
 * against the checkpoint, checks the free space, and calls {@link #write} into its temporary folder,
 * so the all-or-nothing, cancel and progress rules are the importer's alone. Not thread-safe.
 */
interface FolderImport {
    /** config.json's {@code architectures[0]}. */
    String architecture();

    /** The language model's parameters (a tied embedding once): what the default precision is chosen by. */
    long parameters();

    /** The language model's Linear storage. */
    Precision precision();

    /** Every checkpoint tensor {@link #write} reads, in reading order, with the shape config.json implies. */
    List<TensorSpec> tensorsRead();

    /** About how many bytes the folder takes (for the free-space check). */
    long estimatedBytes() throws IOException;

    /** Every assumption, for glimpse.json {@code notes} and the report. */
    List<String> notes();

    /**
     * Writes the folder's files into {@code folder} (empty), reading weights only through {@code weights}.
     *
     * @return bytes of every file written, by path relative to the folder, in writing order
     */
    Map<String, Long> write(Path folder, WeightSource weights, CancelToken cancel) throws IOException, CheckpointException;
}
