package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C (SIGINT to a real {@code glimpse batch} in a child JVM) stops after the current job: exit
 * 130, every line of the output whole, fewer jobs than asked, and {@code --resume} finishes the rest.
 */
class BatchInterruptTest {
    static final int JOBS = 40;
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsAfterTheCurrentJobWithTheOutputWhole() throws Exception {
        assumeFalse(AskInterruptTest.sigintIgnored(), "SIGINT is ignored in this process, so a child JVM could not receive it");
        Path model = dir.resolve("random");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 1);
        Path media = Files.createDirectories(dir.resolve("media"));
        for (int i = 0; i < JOBS; i++) {
            ImageIO.write(new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB), "png", media.resolve(String.format("%02d.png", i)).toFile());
        }
        Path out = dir.resolve("results.jsonl");
        Path argFile = dir.resolve("cp.args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "--add-modules", "jdk.incubator.vector", "@" + argFile, Main.class.getName(), "batch", "--model", model.toString(),
                "--media-dir", media.toString(), "--question", "What?", "--greedy", "--max-tokens", "48", "--out", out.toString(), "--no-record");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end && (!Files.exists(out) || Files.readAllLines(out).size() < 2)) {
            Thread.sleep(20);
        }
        assertThat(Files.readAllLines(out)).as("two jobs done before the signal").hasSizeGreaterThanOrEqualTo(2);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = output.get();
        assertThat(p.exitValue()).as(log).isEqualTo(Main.EXIT_CANCELLED);
        assertThat(log).contains("glimpse: stopping after the current job (Ctrl+C again stops it too)").contains("glimpse: stopped: ");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.size()).isBetween(2, JOBS - 1);
        for (String l : lines) {
            assertThat(Json.MAPPER.readTree(l).get("answer").asText()).hasSize(48); // whole lines, whole answers
        }
        CommandLineTest.Run rest = CommandLineTest.glimpse("batch", "--model", model.toString(), "--media-dir", media.toString(),
                "--question", "What?", "--greedy", "--max-tokens", "48", "--out", out.toString(), "--no-record", "--resume");
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(JOBS);
    }
}
