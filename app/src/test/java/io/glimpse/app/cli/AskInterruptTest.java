package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C during {@code glimpse ask}, for real: the command line runs in a child JVM, gets SIGINT from
 * {@code kill -INT} while it is generating, and must print what it has (exit 130). The probe model
 * answers "aaaa…" (one 'a' per token), so the partial text is known exactly from the token count.
 */
class AskInterruptTest {
    private static final int MAX_TOKENS = 7000; // several seconds of decoding: the signal lands inside it

    @TempDir
    static Path dir;
    static Path probe;
    static Path image;
    static Path argFile;

    @BeforeAll
    static void setUp() throws Exception {
        probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
        // the class path in an argument file: ONNX Runtime crashes when the command line passes ~3.9 KB (BenchChildren)
        argFile = dir.resolve("cp.args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
    }

    @Test
    void ctrlCWhileStreamingKeepsTheTextAndPrintsTheCancelledSummary() throws Exception {
        Process p = start(false);
        InputStream stdout = p.getInputStream();
        CompletableFuture<String> err = drain(p.getErrorStream());
        int first = stdout.read(); // the first streamed 'a': the model is decoding
        assertThat(first).as("first answer byte").isEqualTo('a');
        interrupt(p);
        String rest = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err.get()).isEqualTo(Main.EXIT_CANCELLED);
        String text = (char) first + rest;
        assertThat(text).matches("a+" + System.lineSeparator());
        int tokens = text.strip().length();
        assertThat(tokens).isLessThan(MAX_TOKENS);
        assertThat(err.get()).contains("glimpse: CANCELLED during decode; prompt ")
                .contains("; " + tokens + " generated; ");
    }

    @Test
    void ctrlCDuringGenerationWithJsonPrintsTheCancelledObject() throws Exception {
        // --json streams nothing, so the signal is timed from when the text mode starts answering; a
        // busy machine can shift it out of the decode stage, hence a few tries, each a little later
        long untilDecoding = timeToFirstByte();
        JsonNode j = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            Process p = start(true);
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            Thread.sleep(untilDecoding + 500L * (attempt + 1));
            interrupt(p);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err.get()).isEqualTo(Main.EXIT_CANCELLED);
            j = Json.MAPPER.readTree(out.get());
            assertThat(j.get("finishReason").asText()).isEqualTo("CANCELLED");
            assertThat(j.get("timings").get("totalMs").asDouble()).isPositive();
            if (j.get("cancelledDuring").asText().equals("decode")) {
                break;
            }
        }
        assertThat(j.get("cancelledDuring").asText()).isEqualTo("decode");
        int generated = j.get("generatedTokens").asInt();
        assertThat(generated).isBetween(1, MAX_TOKENS - 1);
        assertThat(j.get("text").asText()).isEqualTo("a".repeat(generated));
        assertThat(j.get("tokenIds")).hasSize(generated);
        assertThat(j.get("ledger").get("promptTokens").asInt()).isEqualTo(j.get("promptTokens").asInt());
        assertThat(j.get("timings").get("decodeMs").asDouble()).isPositive();
        assertThat(j.get("timings").get("visionEncodeMs").asDouble()).isPositive();
    }

    /**
     * Ctrl+C while the pictures are preprocessed (no answer yet, so stdout stays empty): the cancelled
     * line on stderr names the stage. The stage lines (on, as on a terminal) say when preprocessing
     * has begun; three 4000x3000 photos keep it busy for a second or more.
     */
    @Test
    void ctrlCDuringPreprocessingSaysSo() throws Exception {
        Path photo = dir.resolve("photo.jpg");
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.RED, 4000, 3000, Color.BLUE));
        g.fillRect(0, 0, 4000, 3000);
        g.dispose();
        ImageIO.write(big, "jpg", photo.toFile());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector", "-Dglimpse.terminal=true", "@" + argFile,
                Main.class.getName(), "ask", "--model", probe.toString(), "--greedy", "--max-tokens", "4"));
        for (int i = 0; i < 3; i++) {
            cmd.addAll(List.of("--image", photo.toString()));
        }
        cmd.add("What is this?");
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process, so a child JVM could not receive it");
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = drain(p.getInputStream());
        var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.equals("glimpse: preprocess...")) {
                interrupt(p);
                break;
            }
        }
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(seen.toString()).isEqualTo(Main.EXIT_CANCELLED);
        assertThat(seen.toString()).contains("glimpse: preprocess...\n").containsPattern("glimpse: CANCELLED during preprocess; ");
        assertThat(out.get()).isBlank();
    }

    /** Milliseconds from the start of a text-mode ask to its first answer byte (then it is cancelled). */
    private long timeToFirstByte() throws Exception {
        long t0 = System.nanoTime();
        Process p = start(false);
        drain(p.getErrorStream());
        assertThat(p.getInputStream().read()).isEqualTo('a');
        long ms = (System.nanoTime() - t0) / 1_000_000;
        interrupt(p);
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return ms;
    }

    private static Process start(boolean json) throws IOException {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started in the background without job "
                + "control?), so a child JVM could not receive it");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector", "@" + argFile, Main.class.getName(),
                "ask", "--model", probe.toString(), "--image", image.toString(), "--greedy",
                "--max-tokens", Integer.toString(MAX_TOKENS)));
        if (json) {
            cmd.add("--json");
        }
        cmd.add("What is this?");
        return new ProcessBuilder(cmd).start();
    }

    private static void interrupt(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                in.transferTo(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return b.toString(StandardCharsets.UTF_8);
        }, r -> {
            Thread t = new Thread(r, "drain"); // its own thread: the common pool may have a single one
            t.setDaemon(true);
            t.start();
        });
    }

    /** Whether SIGINT is ignored here (/proc/self/status SigIgn, bit 2): children would inherit that. */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }
}
