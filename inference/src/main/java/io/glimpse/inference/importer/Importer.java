package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a Hugging Face checkpoint (config.json + safetensors) into a model folder Glimpse runs
 * (docs/import.md): a text decoder ({@link DecoderImport}) or an HCX vision-language model
 * ({@link HcxVisionImport}), chosen by config.json's {@code architectures[0]}.
 *
 * <p>All-or-nothing: everything is written into a hidden folder beside the output
 * ({@code .DIR.importing-XXXX}) and renamed into place at the end; a failure or a cancel deletes it, and
 * an existing output (with {@code force}) is replaced only after success. Every tensor and its shape is
 * checked, and the free disk space, before anything is written. Memory is bounded by the largest tensor.
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

    /** One architecture {@link #run} imports, as {@code glimpse import --list} prints it. */
    public record Architecture(String name, String maps, String notes) {
    }

    /** Every architecture {@link #run} imports: the text decoders, then the vision-language models. */
    public static List<Architecture> architectures() {
        List<Architecture> out = new ArrayList<>();
        DecoderArchitectures.ALL.forEach(a -> out.add(new Architecture(a.name(), a.maps(), a.notes())));
        out.add(new Architecture(HcxVisionImport.ARCHITECTURE, HcxVisionImport.MAPS, HcxVisionImport.NOTES));
        return List.copyOf(out);
    }

    /** Whether {@link #run} imports checkpoints of this {@code architectures[0]}. */
    public static boolean imports(String architecture) {
        return architectures().stream().anyMatch(a -> a.name().equals(architecture));
    }

    /** Every architecture name {@link #run} imports, for messages. */
    public static String supportedNames() {
        return String.join(", ", architectures().stream().map(Architecture::name).toList());
    }

    /**
     * Imports {@code source} into {@code out}.
     *
     * @throws CheckpointException the checkpoint or the output is refused (one line naming the file)
     * @throws IllegalArgumentException an option cannot be honoured
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
            FolderImport job = plan(ckpt, options);
            List<TensorSpec> specs = job.tensorsRead();
            long readBytes = 0;
            for (TensorSpec s : specs) {
                readBytes += ckpt.entry(s.name(), s.shape()).bytes(); // every tensor and shape checked before writing
            }
            Files.createDirectories(target.getParent());
            checkFreeSpace(target.getParent(), job.estimatedBytes());
            Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".importing-");
            try {
                WeightSource weights = new TrackedWeights(ckpt, cancel, listener, n -> entryBytes(ckpt, n), specs.size(), readBytes);
                Map<String, Long> files = job.write(temp, weights, cancel);
                cancel.throwIfCancelled();
                moveIntoPlace(temp, target);
                return new ImportReport(target, job.architecture(), job.parameters(), files, job.precision(), options.ops(),
                        (System.nanoTime() - start) / 1e9, job.notes());
            } catch (RuntimeException | CheckpointException | IOException e) {
                deleteTree(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The import for config.json's architecture; refuses an unknown one listing the supported. */
    private static FolderImport plan(Checkpoint ckpt, ImportOptions options) throws CheckpointException {
        Path configFile = ckpt.folder().resolve("config.json");
        JsonNode list = ckpt.config().get("architectures");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CheckpointException(configFile, "has no architectures list; supported: " + supportedNames());
        }
        String name = list.get(0).asText();
        if (name.equals(HcxVisionImport.ARCHITECTURE)) {
            return new HcxVisionImport(ckpt, options);
        }
        DecoderArchitecture arch = DecoderArchitectures.named(name).orElseThrow(() -> new CheckpointException(configFile,
                "architecture " + name + " is not supported; supported: " + supportedNames() + " (glimpse import --list)"));
        return new DecoderImport(ckpt, arch, options);
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
