package io.glimpse.inference.importer;

import io.glimpse.inference.onnx.ExternalData;
import io.glimpse.inference.onnx.OnnxGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkpoint files an import copies byte for byte, the graphs it writes with their data files, and their sizes. Stateless. */
final class ImportedFiles {
    /** Copied when the checkpoint has them: the tokenizer, the processor and generation settings, config.json. */
    static final List<String> COPIED = List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "vocab.json", "merges.txt", "generation_config.json", "preprocessor_config.json", "config.json");

    private ImportedFiles() {
    }

    /** Copies those of {@link #COPIED} that {@code from} has into {@code to}; returns their names. */
    static List<String> copy(Path from, Path to) throws IOException {
        List<String> copied = new ArrayList<>();
        for (String name : COPIED) {
            Path f = from.resolve(name);
            if (Files.isRegularFile(f)) {
                Files.copy(f, to.resolve(name));
                copied.add(name);
            }
        }
        return copied;
    }

    /** Bytes those copies will take. */
    static long copiedBytes(Path from) throws IOException {
        long n = 0;
        for (String name : COPIED) {
            Path f = from.resolve(name);
            n += Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        return n;
    }

    /** Builds a graph whose large initializers go to the external data file it is given. */
    @FunctionalInterface
    interface GraphBuild {
        OnnxGraph build(ExternalData data) throws CheckpointException;
    }

    /**
     * Writes the graph at {@code graph} (relative to the folder, parents created) with its weights in
     * {@code graph + "_data"}; returns the two files' sizes.
     */
    static Map<String, Long> writeGraph(Path folder, String graph, GraphBuild build) throws IOException, CheckpointException {
        Path file = folder.resolve(graph);
        Files.createDirectories(file.getParent());
        try (ExternalData data = ExternalData.create(folder.resolve(graph + "_data"), ExternalData.DEFAULT_THRESHOLD)) {
            build.build(data).write(file);
        }
        return sizes(folder, List.of(graph, graph + "_data"));
    }

    /** Bytes of each named file under {@code folder}, in the given order. */
    static Map<String, Long> sizes(Path folder, List<String> names) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, Files.size(folder.resolve(name)));
        }
        return out;
    }
}
