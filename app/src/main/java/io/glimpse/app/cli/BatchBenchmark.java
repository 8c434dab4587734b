package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The cost of {@code glimpse batch} around the model's own runs: N jobs of a small generated image on
 * the generated probe model, run twice side by side (recorded in a temporary history, and with
 * --no-record), each job's own run time taken from its result line.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Overhead per job of glimpse batch outside the model's own run, and the cost of recording each run.")
final class BatchBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "200", description = "jobs per batch (default: ${DEFAULT-VALUE})")
    int jobs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("glimpse-bench-batch");
        String before = System.getProperty("glimpse.history");
        try {
            Path model = dir.resolve("probe");
            TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION_PROBE, 1);
            Path media = Files.createDirectories(dir.resolve("media"));
            for (int i = 0; i < jobs; i++) {
                BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(Color.HSBtoRGB(i / (float) jobs, 0.6f, 0.9f)));
                g.fillRect(0, 0, 320, 240);
                g.dispose();
                ImageIO.write(img, "png", media.resolve(String.format(Locale.ROOT, "img-%04d.png", i)).toFile());
            }
            System.setProperty("glimpse.history", dir.resolve("history.db").toString());
            out.printf(Locale.ROOT, "%d jobs of a 320x240 image on the probe model, 4 greedy tokens each%n", jobs);
            for (boolean record : new boolean[] {false, true, false, true}) { // warm-up pair, then the measured pair
                Path results = dir.resolve("results-" + System.nanoTime() + ".jsonl");
                long t0 = System.nanoTime();
                String[] args = record
                        ? new String[] {"batch", "--model", model.toString(), "--media-dir", media.toString(), "--question", "What?", "--greedy",
                        "--max-tokens", "4", "--out", results.toString()}
                        : new String[] {"batch", "--model", model.toString(), "--media-dir", media.toString(), "--question", "What?", "--greedy",
                        "--max-tokens", "4", "--out", results.toString(), "--no-record"};
                int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                double wallMs = (System.nanoTime() - t0) / 1e6;
                if (code != 0) {
                    throw new IllegalStateException("the batch failed with exit " + code);
                }
                double runsMs = 0;
                for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    runsMs += n.get("totalMs").asDouble();
                }
                out.printf(Locale.ROOT, "  %-11s wall %7.0f ms, the runs' own %7.0f ms, outside them %.2f ms per job%n",
                        record ? "recorded:" : "no record:", wallMs, runsMs, (wallMs - runsMs) / jobs);
            }
            out.println("(the first pair warms the JVM up; the recording cost per job is the difference of the last two lines,"
                    + " which includes each image's SHA-256; the wall time includes the model's load)");
            return 0;
        } finally {
            if (before == null) {
                System.clearProperty("glimpse.history");
            } else {
                System.setProperty("glimpse.history", before);
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
