package io.glimpse.inference.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an import wrote. Immutable.
 *
 * @param folder       the model folder
 * @param architecture e.g. {@code LlamaForCausalLM}
 * @param parameters   the decoder's parameters (a tied embedding once)
 * @param files        bytes of every file written, by name
 * @param precision    the Linear weights' storage
 * @param ops          the op set
 * @param seconds      wall time of the import
 * @param assumptions  what was assumed (also in glimpse.json {@code notes})
 */
public record ImportReport(Path folder, String architecture, long parameters, Map<String, Long> files, Precision precision,
                           Ops ops, double seconds, List<String> assumptions) {
    public ImportReport {
        files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files)); // keeps the writing order
        assumptions = List.copyOf(assumptions);
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }
}
