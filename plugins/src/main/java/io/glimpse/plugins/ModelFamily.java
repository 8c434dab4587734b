package io.glimpse.plugins;

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

    /** Kinds of input. */
    enum Modality { TEXT, IMAGE, VIDEO }
}
