package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Hugging Face decoder checkpoint (config.json + safetensors) into a model folder Glimpse
 * runs: {@code decoder_model_merged.onnx} with its weights in {@code decoder_model_merged.onnx_data},
 * {@code glimpse.json}, and the tokenizer files copied as they are (docs/import.md).
 *
 * <p>All-or-nothing: everything is written into a hidden folder beside the output
 * ({@code .DIR.importing-XXXX}) and renamed into place at the end; a failure or a cancel deletes it, and
 * an existing output (with {@code force}) is replaced only after success. Memory is bounded by the
 * largest tensor. Free disk space is checked before anything is written.
 *
 * <p>Thread-safe: each {@link #run} call is independent; the listener is called on the calling thread.
 */
public final class Importer {
    /** Usable bytes on the file store of a folder (injected by tests). */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path folder) throws IOException;
    }

    private final FreeSpace freeSpace;

    public Importer() {
        this(folder -> Files.getFileStore(folder).getUsableSpace());
    }

    public Importer(FreeSpace freeSpace) {
        this.freeSpace = freeSpace;
    }

    /**
     * Imports {@code source} into {@code out}.
     *
     * @throws CheckpointException the checkpoint or the output is refused (one line naming the file)
     * @throws IllegalArgumentException an option cannot be honoured (a precision not available yet)
     * @throws io.glimpse.media.CancelledException when {@code cancel} was tripped (nothing is left behind)
     */
    public ImportReport run(Path source, Path out, ImportOptions options, ImportListener listener, CancelToken cancel)
            throws CheckpointException {
        long start = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !options.force()) {
            throw new CheckpointException(target, "already exists; pass --force to replace it");
        }
        try (Checkpoint ckpt = Checkpoint.open(source)) {
            Path configFile = ckpt.folder().resolve("config.json");
            DecoderArchitecture arch = architecture(ckpt.config(), configFile);
            DecoderArchitecture.TensorNames names = arch.names("");
            DecoderGeometry geo = resolveTied(DecoderGeometry.read(ckpt.config(), arch.keys(), configFile), ckpt, names, arch);
            Precision precision = options.precisionFor(geo.parameters());
            LinearWriter body = LinearWriters.forPrecision(precision, options);
            LinearWriter head = options.lmHeadFp32() ? LinearWriter.FP32 : body;
            DecoderBuilder builder = new DecoderBuilder(geo, names,
                    new DecoderBuilder.Options(options.ops(), false, body, head, precision != Precision.FP32));
            List<TensorSpec> specs = builder.tensorsRead();
            long readBytes = 0;
            for (TensorSpec s : specs) {
                readBytes += ckpt.entry(s.name(), s.shape()).bytes(); // every tensor and shape checked before writing
            }
            Files.createDirectories(target.getParent());
            checkFreeSpace(target.getParent(), estimateBytes(geo, precision, options, source));
            List<String> notes = notes(geo, arch, precision, options);
            if (builder.fusedLimitation() != null) {
                notes.add(builder.fusedLimitation());
            }
            Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".importing-");
            try {
                Map<String, Long> files = writeFolder(temp, ckpt, arch, geo, builder, precision, options, notes,
                        new TrackedWeights(ckpt, cancel, listener, n -> entryBytes(ckpt, n), specs.size(), readBytes), cancel);
                cancel.throwIfCancelled();
                moveIntoPlace(temp, target);
                return new ImportReport(target, arch.name(), geo.parameters(), files, precision, options.ops(),
                        (System.nanoTime() - start) / 1e9, notes);
            } catch (RuntimeException | CheckpointException | IOException e) {
                deleteTree(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static Map<String, Long> writeFolder(Path temp, Checkpoint ckpt, DecoderArchitecture arch, DecoderGeometry geo,
                                                 DecoderBuilder builder, Precision precision, ImportOptions options,
                                                 List<String> notes, WeightSource weights, CancelToken cancel)
            throws IOException, CheckpointException {
        String dataName = ImportedFolderJson.GRAPH + "_data";
        try (ExternalData data = ExternalData.create(temp.resolve(dataName), ExternalData.DEFAULT_THRESHOLD)) {
            OnnxGraph g = new OnnxGraph("decoder_model_merged").producer("glimpse import").externalData(data);
            builder.build(g, weights, cancel);
            g.write(temp.resolve(ImportedFolderJson.GRAPH));
        }
        for (String name : ImportedFolderJson.COPIED) {
            Path f = ckpt.folder().resolve(name);
            if (Files.isRegularFile(f)) {
                Files.copy(f, temp.resolve(name));
            }
        }
        Files.write(temp.resolve("glimpse.json"), ImportedFolderJson.bytes(ImportedFolderJson.write(ckpt.folder(),
                ckpt.config(), arch, geo, false, precision, options.ops(), notes)));
        Map<String, Long> files = new LinkedHashMap<>();
        for (String name : List.of(ImportedFolderJson.GRAPH, dataName, "glimpse.json")) {
            files.put(name, Files.size(temp.resolve(name)));
        }
        for (String name : ImportedFolderJson.COPIED) {
            if (Files.isRegularFile(temp.resolve(name))) {
                files.put(name, Files.size(temp.resolve(name)));
            }
        }
        return files;
    }

    private static DecoderArchitecture architecture(JsonNode config, Path configFile) throws CheckpointException {
        JsonNode list = config.get("architectures");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CheckpointException(configFile, "has no architectures list; supported: " + DecoderArchitectures.names());
        }
        String name = list.get(0).asText();
        return DecoderArchitectures.named(name).orElseThrow(() -> new CheckpointException(configFile,
                "architecture " + name + " is not supported; supported: " + DecoderArchitectures.names()
                        + " (glimpse import --list)"));
    }

    /** When config.json does not say whether the head is tied, the checkpoint does: no lm_head tensor means tied. */
    private static DecoderGeometry resolveTied(DecoderGeometry geo, Checkpoint ckpt, DecoderArchitecture.TensorNames names,
                                               DecoderArchitecture arch) {
        if (ckpt.config().hasNonNull(arch.keys().tie())) {
            return geo;
        }
        boolean tied = !ckpt.has(names.lmHead());
        return geo.withTied(tied, tied ? "LM head tied to the embedding (no " + names.lmHead() + " in the checkpoint)"
                : "LM head read from " + names.lmHead());
    }

    private static List<String> notes(DecoderGeometry geo, DecoderArchitecture arch, Precision precision, ImportOptions options) {
        List<String> notes = new ArrayList<>(geo.assumptions());
        notes.add("imported from " + arch.name() + " with precision " + precision.cliName()
                + (options.precision() == null ? " (the default for " + geo.parameters() + " parameters)" : "")
                + ", ops " + options.ops().cliName());
        notes.add("context length = max_position_embeddings " + geo.maxPositions());
        if (geo.rope().llama3() != null) {
            notes.add("RoPE frequencies rescaled with rope_scaling llama3 (factor " + geo.rope().llama3().factor() + ")");
        }
        return notes;
    }

    /** Bytes the folder will take: the Linear weights at their precision, the rest in float32/16, plus the copied files. */
    static long estimateBytes(DecoderGeometry geo, Precision precision, ImportOptions options, Path source) throws IOException {
        long embed = (long) geo.vocab() * geo.hidden();
        long linears = geo.parameters() - embed * (geo.tied() ? 1 : 2);
        double perWeight = LinearWriters.bytesPerWeight(precision, options.blockSize());
        double headBytes = options.lmHeadFp32() ? 4 : perWeight;
        long tables = options.ops() == Ops.FUSED ? 2L * geo.maxPositions() * geo.headDim() / 2 * 4 : 0;
        long copied = 0;
        for (String name : ImportedFolderJson.COPIED) {
            Path f = source.resolve(name);
            copied += Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        return (long) (linears * perWeight + embed * (precision == Precision.FP32 ? 4 : 2) + embed * headBytes)
                + tables + copied + (1 << 20);
    }

    private void checkFreeSpace(Path parent, long needed) throws IOException, CheckpointException {
        long free = freeSpace.usableBytes(parent);
        if (free < needed) {
            throw new CheckpointException(parent, "not enough disk space: the import needs about " + needed
                    + " bytes and " + free + " are free");
        }
    }

    private static long entryBytes(Checkpoint ckpt, String name) {
        try {
            return ckpt.entry(name).bytes();
        } catch (CheckpointException e) {
            return 0; // already read, so present; cannot happen
        }
    }

    /** Renames the finished folder into place; an existing target is moved aside first and deleted after. */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".replaced-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is hidden and named as an unfinished import
        }
    }
}
