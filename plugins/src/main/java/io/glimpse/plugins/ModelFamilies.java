package io.glimpse.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registered {@link ModelFamily} implementations, loaded once with {@link ServiceLoader}. Thread-safe. */
public final class ModelFamilies {
    private static final List<ModelFamily> ALL = load();

    private ModelFamilies() {
    }

    private static List<ModelFamily> load() {
        List<ModelFamily> out = new ArrayList<>();
        for (ModelFamily f : ServiceLoader.load(ModelFamily.class, ModelFamilies.class.getClassLoader())) {
            out.add(f);
        }
        out.sort(Comparator.comparing(ModelFamily::id));
        return List.copyOf(out);
    }

    /** Every registered family, sorted by id. */
    public static List<ModelFamily> all() {
        return ALL;
    }

    public static Optional<ModelFamily> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The family most sure it owns {@code folder}, if any is. */
    public static Optional<ModelFamily> detect(Path folder) {
        ModelFamily best = null;
        int bestScore = 0;
        for (ModelFamily f : ALL) {
            int score = f.recognise(folder);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
