package io.glimpse.app.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.Checkpoint;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the import pane shows before an import starts: the architecture of a Hugging Face
 * checkpoint and its parameter count, read from config.json and the safetensors headers (no tensor
 * data, so it is cheap even for a large checkpoint). Uses only the checkpoint's public reading API,
 * not the importer's internals. Immutable.
 *
 * @param architecture {@code architectures[0]} of config.json
 * @param known        whether the importer has a mapping for it (if not, Start says which it has)
 * @param parameters   the elements of all the checkpoint's tensors (a tied embedding is stored once)
 */
public record CheckpointSummary(String architecture, boolean known, long parameters) {
    /** Reads the summary; file work, so call it off the UI thread. */
    public static CheckpointSummary read(Path folder) throws CheckpointException {
        try (Checkpoint ckpt = Checkpoint.open(folder)) {
            JsonNode list = ckpt.config().get("architectures");
            String name = list != null && list.isArray() && !list.isEmpty() ? list.get(0).asText() : "no architecture named";
            long parameters = 0;
            for (String tensor : ckpt.tensorNames()) {
                parameters += ckpt.entry(tensor).count();
            }
            return new CheckpointSummary(name, Importer.imports(name), parameters);
        }
    }

    /**
     * Whether a folder chosen as a model folder is a Hugging Face checkpoint to import rather than a
     * model folder Glimpse opens: config.json and safetensors, and no glimpse.json, genai_config.json
     * or ONNX graph (a transformers.js folder has config.json and {@code onnx/} and runs as it is).
     */
    public static boolean offersImport(Path folder) {
        if (folder == null || !Checkpoint.looksLikeCheckpoint(folder)) {
            return false;
        }
        return !Files.exists(folder.resolve("glimpse.json")) && !Files.exists(folder.resolve("genai_config.json"))
                && !hasOnnx(folder) && !hasOnnx(folder.resolve("onnx"));
    }

    private static boolean hasOnnx(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".onnx"));
        } catch (java.io.IOException e) {
            return false; // unreadable: opening it as a model reports the problem
        }
    }
}
