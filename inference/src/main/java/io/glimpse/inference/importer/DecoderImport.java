package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import io.glimpse.inference.onnx.OnnxGraph;
import io.glimpse.media.CancelToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text decoder checkpoint ({@link DecoderArchitectures}) → {@code decoder_model_merged.onnx} (+ data),
 * {@code glimpse.json} and the copied tokenizer files (docs/import.md). Not thread-safe.
 */
final class DecoderImport implements FolderImport {
    private final Checkpoint ckpt;
    private final DecoderArchitecture arch;
    private final DecoderGeometry geo;
    private final Precision precision;
    private final ImportOptions options;
    private final DecoderBuilder builder;
    private final List<String> notes;

    DecoderImport(Checkpoint ckpt, DecoderArchitecture arch, ImportOptions options) throws CheckpointException {
        this.ckpt = ckpt;
        this.arch = arch;
        this.options = options;
        Path configFile = ckpt.folder().resolve("config.json");
        DecoderArchitecture.TensorNames names = arch.names("");
        this.geo = resolveTied(DecoderGeometry.read(ckpt.config(), arch.keys(), configFile), ckpt.config(), ckpt, names, arch);
        this.precision = options.precisionFor(geo.parameters());
        this.builder = languageModel(geo, names, precision, options, false);
        this.notes = notes(geo, arch.name(), precision, options);
        if (builder.fusedLimitation() != null) {
            notes.add(builder.fusedLimitation());
        }
    }

    /** The decoder builder for a precision: int4/int8/fp16 for the layers, the head as the body unless kept fp32. */
    static DecoderBuilder languageModel(DecoderGeometry geo, DecoderArchitecture.TensorNames names, Precision precision,
                                        ImportOptions options, boolean takesEmbeddings) {
        LinearWriter body = LinearWriters.forPrecision(precision, options);
        LinearWriter head = options.lmHeadFp32() ? LinearWriter.FP32 : body;
        return new DecoderBuilder(geo, names,
                new DecoderBuilder.Options(options.ops(), takesEmbeddings, body, head, precision != Precision.FP32));
    }

    @Override
    public String architecture() {
        return arch.name();
    }

    @Override
    public long parameters() {
        return geo.parameters();
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public List<TensorSpec> tensorsRead() {
        return builder.tensorsRead();
    }

    @Override
    public long estimatedBytes() throws IOException {
        return estimateBytes(geo, precision, options) + ImportedFiles.copiedBytes(ckpt.folder());
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public Map<String, Long> write(Path folder, WeightSource weights, CancelToken cancel) throws IOException, CheckpointException {
        String graph = ImportedFolderJson.GRAPH;
        Map<String, Long> files = new LinkedHashMap<>(writeGraph(folder, graph, builder, weights, cancel));
        List<String> copied = ImportedFiles.copy(ckpt.folder(), folder);
        Files.write(folder.resolve("glimpse.json"), ImportedFolderJson.bytes(ImportedFolderJson.write(ckpt.folder(),
                ckpt.config(), arch, geo, false, precision, options.ops(), notes)));
        files.putAll(ImportedFiles.sizes(folder, List.of("glimpse.json")));
        files.putAll(ImportedFiles.sizes(folder, copied));
        return files;
    }

    /** Writes the decoder graph at {@code graph} (relative to the folder) with its weights in {@code graph + "_data"}. */
    static Map<String, Long> writeGraph(Path folder, String graph, DecoderBuilder builder, WeightSource weights,
                                        CancelToken cancel) throws IOException, CheckpointException {
        return ImportedFiles.writeGraph(folder, graph, data -> {
            OnnxGraph g = new OnnxGraph("decoder_model_merged").producer("glimpse import").externalData(data);
            builder.build(g, weights, cancel);
            return g;
        });
    }

    /** When {@code config} does not say whether the head is tied, the checkpoint does: no lm_head tensor means tied. */
    static DecoderGeometry resolveTied(DecoderGeometry geo, JsonNode config, Checkpoint ckpt,
                                       DecoderArchitecture.TensorNames names, DecoderArchitecture arch) {
        if (config.hasNonNull(arch.keys().tie())) {
            return geo;
        }
        boolean tied = !ckpt.has(names.lmHead());
        return geo.withTied(tied, tied ? "LM head tied to the embedding (no " + names.lmHead() + " in the checkpoint)"
                : "LM head read from " + names.lmHead());
    }

    /** The geometry's assumptions and how it was imported; {@code source} names what, e.g. the architecture. */
    static List<String> notes(DecoderGeometry geo, String source, Precision precision, ImportOptions options) {
        List<String> notes = new ArrayList<>(geo.assumptions());
        notes.add("imported from " + source + " with precision " + precision.cliName()
                + (options.precision() == null ? " (the default for " + geo.parameters() + " parameters)" : "")
                + ", ops " + options.ops().cliName());
        notes.add("context length = max_position_embeddings " + geo.maxPositions());
        if (geo.rope().llama3() != null) {
            notes.add("RoPE frequencies rescaled with rope_scaling llama3 (factor " + geo.rope().llama3().factor() + ")");
        }
        return notes;
    }

    /** Bytes of the decoder files: the Linear weights at their precision, the rest in float32/16, the rotary tables. */
    static long estimateBytes(DecoderGeometry geo, Precision precision, ImportOptions options) {
        long embed = (long) geo.vocab() * geo.hidden();
        long linears = geo.parameters() - embed * (geo.tied() ? 1 : 2);
        double perWeight = LinearWriters.bytesPerWeight(precision, options.blockSize());
        double headBytes = options.lmHeadFp32() ? 4 : perWeight;
        long tables = options.ops() == Ops.FUSED ? 2L * geo.maxPositions() * geo.headDim() / 2 * 4 : 0;
        return (long) (linears * perWeight + embed * (precision == Precision.FP32 ? 4 : 2) + embed * headBytes)
                + tables + (1 << 20);
    }
}
