package io.glimpse.plugins;

import io.glimpse.inference.ledger.VisionProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A family of models Glimpse knows how to prompt and run (HyperCLOVAX-SEED vision, EXAONE, ...).
 * Implementations are found with {@link java.util.ServiceLoader} (register them in
 * {@code META-INF/services/io.glimpse.plugins.ModelFamily}); a plugin jar on the class path adds
 * a family without touching Glimpse. Every implementation must pass {@code ModelFamilyContract}.
 *
 * <p>Implementations are stateless and thread-safe; {@link #recognise} only reads small config
 * files and never throws for a folder it does not understand.
 */
public interface ModelFamily {
    /** Stable id, lower case with dashes, e.g. {@code hcx-seed-vision-3b}: used on the command line. */
    String id();

    /** Name for people, e.g. "HyperCLOVAX-SEED-Vision-Instruct-3B". */
    String displayName();

    /** What the family's models take as input. */
    Set<Modality> inputs();

    /**
     * How sure this family is that {@code folder} holds one of its models, from its config files:
     * 0 = not at all, higher = surer (the highest wins). Never throws.
     */
    int recognise(Path folder);

    /** The name of the built-in chat template to use when the folder carries none of its own. */
    Optional<String> builtInChatTemplate();

    /**
     * The family's vision processor, with settings from {@code modelFolder}'s config files, or its
     * built-in profile when the folder is null. Empty for text-only families.
     *
     * @throws IOException              when a config file cannot be read
     * @throws IllegalArgumentException when the folder's settings are inconsistent (the message says which)
     */
    default Optional<VisionProcessor> vision(Path modelFolder) throws IOException {
        return Optional.empty();
    }

    /**
     * The context length to plan against: the folder's, or the profile's documented default when
     * the folder is null or silent. The second element says what was assumed (null when nothing was).
     */
    default ContextLength contextLength(Path modelFolder) {
        return new ContextLength(4096, "context length 4096 assumed (no model folder given)");
    }

    /** A context length and, when it was not read from the model's files, what was assumed. */
    record ContextLength(int tokens, String assumption) {
    }

    /** Kinds of input. */
    enum Modality { TEXT, IMAGE, VIDEO }
}
