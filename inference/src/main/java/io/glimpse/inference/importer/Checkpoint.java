package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A downloaded Hugging Face checkpoint folder: {@code config.json} and its weights, one
 * {@code model.safetensors} or shards listed by {@code model.safetensors.index.json}. Tensors are
 * looked up by name across the shards and read one at a time (memory-mapped), each checked against
 * the shape the architecture expects.
 *
 * <p>Not thread-safe; owns the shards' file channels until {@link #close()}.
 */
public final class Checkpoint implements WeightSource, Closeable {
    public static final String INDEX = "model.safetensors.index.json";
    public static final String SINGLE = "model.safetensors";

    private final Path folder;
    private final JsonNode config;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> byTensor;

    private Checkpoint(Path folder, JsonNode config, List<SafetensorsFile> shards, Map<String, SafetensorsFile> byTensor) {
        this.folder = folder;
        this.config = config;
        this.shards = shards;
        this.byTensor = byTensor;
    }

    /** Whether the folder looks like a Hugging Face safetensors checkpoint (config.json and weights). */
    public static boolean looksLikeCheckpoint(Path folder) {
        return Files.isRegularFile(folder.resolve("config.json"))
                && (Files.isRegularFile(folder.resolve(SINGLE)) || Files.isRegularFile(folder.resolve(INDEX)));
    }

    /** Opens the folder: reads config.json and every shard's header (no tensor data yet). */
    public static Checkpoint open(Path folder) throws CheckpointException {
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException(folder, "not a folder");
        }
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder, "not a Hugging Face checkpoint folder: it has no config.json");
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(configFile.toFile());
        } catch (IOException e) {
            throw new CheckpointException(configFile, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (config == null || !config.isObject()) {
            throw new CheckpointException(configFile, "not a JSON object");
        }
        List<Path> files = shardFiles(folder);
        List<SafetensorsFile> shards = new ArrayList<>();
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        try {
            for (Path f : files) {
                SafetensorsFile s = SafetensorsFile.open(f);
                shards.add(s);
                for (String name : s.tensors().keySet()) {
                    SafetensorsFile before = byTensor.put(name, s);
                    if (before != null) {
                        throw new CheckpointException(folder, "tensor " + name + " is in two shards: "
                                + before.file().getFileName() + " and " + f.getFileName());
                    }
                }
            }
            checkIndex(folder, byTensor);
        } catch (CheckpointException e) {
            shards.forEach(Checkpoint::closeQuietly);
            throw e;
        }
        return new Checkpoint(folder, config, List.copyOf(shards), Collections.unmodifiableMap(byTensor));
    }

    private static List<Path> shardFiles(Path folder) throws CheckpointException {
        Path index = folder.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            JsonNode map = readIndex(index).get("weight_map");
            if (map == null || !map.isObject()) {
                throw new CheckpointException(index, "has no weight_map object");
            }
            TreeSet<String> names = new TreeSet<>();
            map.elements().forEachRemaining(n -> names.add(n.asText()));
            List<Path> files = new ArrayList<>();
            for (String n : names) {
                Path p = folder.resolve(n).normalize();
                if (!p.startsWith(folder.normalize()) || !Files.isRegularFile(p)) {
                    throw new CheckpointException(index, "names shard " + n + ", which is not in the folder");
                }
                files.add(p);
            }
            return files;
        }
        if (Files.isRegularFile(folder.resolve(SINGLE))) {
            return List.of(folder.resolve(SINGLE));
        }
        try (var list = Files.list(folder)) {
            List<String> other = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".gguf") || n.endsWith(".safetensors"))
                    .sorted().toList();
            throw new CheckpointException(folder, "has no " + SINGLE + " or " + INDEX
                    + (other.isEmpty() ? "" : " (found " + other + "; only safetensors weights are imported)"));
        } catch (IOException e) {
            throw new CheckpointException(folder, "cannot list (" + e.getMessage() + ")");
        }
    }

    private static JsonNode readIndex(Path index) throws CheckpointException {
        try {
            JsonNode n = new ObjectMapper().readTree(index.toFile());
            if (n == null || !n.isObject()) {
                throw new CheckpointException(index, "not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new CheckpointException(index, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Every tensor the index names must be in the shard it names. */
    private static void checkIndex(Path folder, Map<String, SafetensorsFile> byTensor) throws CheckpointException {
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = readIndex(index).get("weight_map").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SafetensorsFile s = byTensor.get(e.getKey());
            if (s == null || !s.file().getFileName().toString().equals(Path.of(e.getValue().asText()).getFileName().toString())) {
                throw new CheckpointException(index, "says tensor " + e.getKey() + " is in " + e.getValue().asText()
                        + (s == null ? ", but no shard has it" : ", but it is in " + s.file().getFileName()));
            }
        }
    }

    public Path folder() {
        return folder;
    }

    /** config.json. */
    @Override
    public JsonNode config() {
        return config;
    }

    /** Every tensor name, shard by shard. */
    public List<String> tensorNames() {
        return List.copyOf(byTensor.keySet());
    }

    @Override
    public boolean has(String name) {
        return byTensor.containsKey(name);
    }

    /** The header entry of a tensor. */
    public TensorEntry entry(String name) throws CheckpointException {
        SafetensorsFile s = byTensor.get(name);
        if (s == null) {
            throw new CheckpointException(folder, "tensor " + name + " is missing from the checkpoint (" + byTensor.size()
                    + " tensors" + nearby(name) + ")");
        }
        return s.tensors().get(name);
    }

    /** The header entry of a tensor that must have this shape. */
    public TensorEntry entry(String name, long... shape) throws CheckpointException {
        TensorEntry t = entry(name);
        if (!t.hasShape(shape)) {
            throw new CheckpointException(folder, "tensor " + name + " has shape " + t.shapeText() + " but config.json implies "
                    + Arrays.toString(shape));
        }
        return t;
    }

    /** A tensor's values as float32, checked against the shape config.json implies. */
    @Override
    public float[] floats(String name, long... shape) throws CheckpointException {
        TensorEntry t = entry(name, shape);
        return byTensor.get(name).floats(t);
    }

    /** Up to three tensors under the same first name part ("; similar: [...]"), else three of any. */
    private String nearby(String name) {
        int dot = name.indexOf('.');
        List<String> same = dot < 0 ? List.of()
                : byTensor.keySet().stream().filter(n -> n.startsWith(name.substring(0, dot + 1))).limit(3).toList();
        return same.isEmpty() ? "; it has e.g. " + byTensor.keySet().stream().limit(3).toList() : "; similar: " + same;
    }

    @Override
    public void close() {
        shards.forEach(Checkpoint::closeQuietly);
    }

    private static void closeQuietly(SafetensorsFile s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do with a file we only read
        }
    }
}
