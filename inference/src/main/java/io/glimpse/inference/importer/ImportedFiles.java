package io.glimpse.inference.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkpoint files an import copies byte for byte, and the sizes of what it wrote. Stateless. */
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

    /** Bytes of each named file under {@code folder}, in the given order. */
    static Map<String, Long> sizes(Path folder, List<String> names) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, Files.size(folder.resolve(name)));
        }
        return out;
    }
}
