package io.glimpse.inference.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.importer.TensorTable.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random weights of a real model's geometry, from its config.json alone: the tensors its Hugging Face
 * checkpoint has (same names, same shapes; see {@link CheckpointNames}), so the importer and its
 * benchmark can build full-size graphs without downloading the model. Each tensor is generated when
 * asked for, from a generator seeded by the seed and the tensor's name (the order of requests does
 * not matter), and is not kept: values N(0, 0.02), norm weights 1 + N(0, 0.02).
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomWeights implements WeightSource {
    static final double SIGMA = 0.02;

    private final JsonNode config;
    private final Path origin;
    private final long seed;
    private final Map<String, Spec> tensors;

    private RandomWeights(JsonNode config, Path origin, long seed, Map<String, Spec> tensors) {
        this.config = config;
        this.origin = origin;
        this.seed = seed;
        this.tensors = tensors;
    }

    /** Random weights for a config.json already read; messages name {@code origin}. */
    public static RandomWeights of(JsonNode config, Path origin, long seed) throws CheckpointException {
        return new RandomWeights(config, origin, seed, CheckpointNames.of(config, origin));
    }

    /** Random weights for the model a config.json file describes. */
    public static RandomWeights of(Path configFile, long seed) throws CheckpointException {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(configFile.toFile());
        } catch (IOException e) {
            throw new CheckpointException(configFile, "cannot read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (config == null || !config.isObject()) {
            throw new CheckpointException(configFile, "not a JSON object");
        }
        return of(config, configFile, seed);
    }

    @Override
    public JsonNode config() {
        return config;
    }

    @Override
    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** Every tensor name such a checkpoint has. */
    public List<String> tensorNames() {
        return List.copyOf(tensors.keySet());
    }

    /** A tensor's shape. */
    public long[] shape(String name) throws CheckpointException {
        return spec(name).shape().clone();
    }

    @Override
    public float[] floats(String name, long... shape) throws CheckpointException {
        Spec spec = spec(name);
        if (!Arrays.equals(spec.shape(), shape)) {
            throw new CheckpointException(origin, "tensor " + name + " has shape " + Arrays.toString(spec.shape())
                    + " but " + Arrays.toString(shape) + " was asked for");
        }
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(origin, "tensor " + name + " has " + count + " values; more than a Java array holds");
        }
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a(name));
        float[] values = new float[(int) count];
        double mean = spec.norm() ? 1 : 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + SIGMA * random.nextGaussian());
        }
        return values;
    }

    private Spec spec(String name) throws CheckpointException {
        Spec spec = tensors.get(name);
        if (spec == null) {
            throw new CheckpointException(origin, "tensor " + name + " is not in this architecture's checkpoint ("
                    + tensors.size() + " tensors, e.g. " + tensors.keySet().stream().limit(3).toList() + ")");
        }
        return spec;
    }

    /** 64-bit FNV-1a of the name's UTF-8 bytes: a per-tensor seed that does not depend on String.hashCode. */
    static long fnv1a(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }
}
