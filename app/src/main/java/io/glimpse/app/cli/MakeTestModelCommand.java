package io.glimpse.app.cli;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.testmodel.TestModelWriter.Family;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a tiny generated vision-language model folder, so the pipeline can be tried without weights. */
@Command(name = "make-test-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a tiny vision-language model folder with generated weights (docs/model-format.md). "
                + "It runs end to end but answers gibberish.")
final class MakeTestModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write (created if missing)")
    Path out;

    @Option(names = "--family", paramLabel = "NAME", defaultValue = "hcx-vision",
            description = "hcx-vision (random weights), hcx-vision-probe (deterministic probe) or generic "
                    + "(random weights, transformers.js layout without glimpse.json); default: ${DEFAULT-VALUE}")
    String family;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the random weights; the same seed writes the same bytes (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--force", description = "write into a non-empty folder, replacing files of the same names")
    boolean force;

    @Override
    public Integer call() throws ModelFolderException {
        Family f = Family.fromCliName(family); // an unknown name is a usage error (exit 2)
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ModelFolderException(out, "exists and is not a folder");
        }
        if (!force && !isEmpty(out)) {
            throw new Main.UsageException(out + " is not empty; choose an empty folder or add --force");
        }
        List<Path> written;
        try {
            written = TestModelWriter.write(out, f, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test model to " + out, e);
        }
        PrintWriter o = spec.commandLine().getOut();
        for (Path p : written) {
            o.println("wrote " + p);
        }
        if (f != Family.HCX_VISION_PROBE) {
            o.println("This model has random weights (seed " + seed + ") and answers gibberish: "
                    + "it is for trying Glimpse without downloading a real model.");
        } else {
            o.println("This is the probe model: deterministic weights, every answer is \"aaaa...\"; "
                    + "its graphs echo what they receive (see " + out.resolve("README.md") + ").");
        }
        return 0;
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
