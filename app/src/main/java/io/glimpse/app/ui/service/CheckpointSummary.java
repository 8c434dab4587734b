package io.glimpse.app.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.Checkpoint;
import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.DecoderArchitecture;
import io.glimpse.inference.importer.DecoderArchitectures;
import io.glimpse.inference.importer.DecoderGeometry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the import pane shows before an import starts: the architecture and parameter count of a
 * Hugging Face checkpoint, read from config.json and the safetensors headers (no tensor data, so
 * it is cheap even for a large checkpoint). Counts parameters the way the importer does. Immutable.
 *
 * @param architecture {@code architectures[0]} of config.json
 * @param parameters   the decoder's parameters (a tied embedding once), or -1 when the architecture
 *                     is not one the importer knows (the import then says why)
 */
public record CheckpointSummary(String architecture, long parameters) {
    /** Reads the summary; slow file work, so call it off the UI thread. */
    public static CheckpointSummary read(Path folder) throws CheckpointException {
        try (Checkpoint ckpt = Checkpoint.open(folder)) {
            JsonNode list = ckpt.config().get("architectures");
            String name = list != null && list.isArray() && !list.isEmpty() ? list.get(0).asText() : "no architecture named";
            DecoderArchitecture arch = DecoderArchitectures.named(name).orElse(null);
            if (arch == null) {
                return new CheckpointSummary(name, -1);
            }
            DecoderGeometry geo = DecoderGeometry.read(ckpt.config(), arch.keys(), ckpt.folder().resolve("config.json"));
            if (!ckpt.config().hasNonNull(arch.keys().tie())) {
                geo = geo.withTied(!ckpt.has(arch.names("").lmHead()), ""); // as the importer decides: no lm_head tensor means tied
            }
            return new CheckpointSummary(arch.name(), geo.parameters());
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
