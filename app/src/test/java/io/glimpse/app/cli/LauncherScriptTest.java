package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./glimpse} launcher's handling of the two streams. It runs from a copy of the repository
 * layout with an up-to-date (empty) jar, so it builds nothing, and a {@code java} on the PATH that
 * prints what the real one would: the incubator notice first, then output and errors interleaved, and
 * a last partial line (a streamed answer), then exits 3.
 */
class LauncherScriptTest {
    private static final int PAIRS = 20;

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws IOException {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("glimpse"); // surefire runs in app/
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "no ./glimpse or bash here");
        Files.copy(script, root.resolve("glimpse"));
        Files.createDirectories(root.resolve("app/target/lib"));
        Files.createFile(root.resolve("app/target/glimpse-app.jar"));
        fakeJava("i=0",
                "while [ $i -lt " + PAIRS + " ]; do echo \"out $i\"; echo \"glimpse: err $i\" >&2; i=$((i+1)); done",
                "printf 'partial'",
                "exit 3");
        Files.setPosixFilePermissions(root.resolve("glimpse"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void errorsPrintedBetweenOutputLinesStayBetweenThemWhenBothStreamsGoToOnePlace() throws Exception {
        ProcessBuilder pb = launcher().redirectErrorStream(true); // as a terminal, or 2>&1
        Process p = pb.start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            expected.add("out " + i);
            expected.add("glimpse: err " + i);
        }
        assertThat(all).isEqualTo(String.join("\n", expected) + "\npartial");
    }

    @Test
    void separateStreamsKeepStdoutAsJavaWroteItAndDropOnlyTheNotice() throws Exception {
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = launcher().redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        StringBuilder o = new StringBuilder();
        StringBuilder e = new StringBuilder();
        for (int i = 0; i < PAIRS; i++) {
            o.append("out ").append(i).append('\n');
            e.append("glimpse: err ").append(i).append('\n');
        }
        assertThat(Files.readString(out)).isEqualTo(o + "partial");
        // the filter may still be copying when java has exited: wait for its last line
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(err).equals(e.toString()) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(err)).isEqualTo(e.toString());
    }

    /**
     * Ctrl+C on a terminal signals the whole foreground process group: the launcher's filter as well as
     * java. The filter must outlive it, or the result Glimpse prints when cancelled (on stderr, as in
     * "CANCELLED during preprocess", when no answer has streamed yet) is lost and the exit looks silent.
     */
    @Test
    void ctrlCToTheProcessGroupKeepsTheCancelledMessage() throws Exception {
        assumeFalse(AskInterruptTest.sigintIgnored(), "SIGINT is ignored in this process, so its children could not get it");
        fakeJava("trap 'echo \"glimpse: CANCELLED during preprocess; 812 ms since the model began loading\" >&2; exit 130' INT",
                "echo ready",
                "while :; do sleep 0.05; done");
        List<String> cmd = new ArrayList<>(List.of("setsid")); // its own process group, as a shell's job
        cmd.addAll(launcher().command());
        ProcessBuilder pb = launcher().command(cmd).redirectErrorStream(true);
        Process p = pb.start();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("ready");
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        StringBuilder rest = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(rest.toString()).isEqualTo("glimpse: CANCELLED during preprocess; 812 ms since the model began loading\n");
    }

    /** A java that prints the incubator notice as the real one does at start, then runs the lines given. */
    private void fakeJava(String... body) throws IOException {
        Path java = Files.createDirectories(root.resolve("bin")).resolve("java");
        List<String> lines = new ArrayList<>(List.of("#!/bin/sh", "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2"));
        lines.addAll(List.of(body));
        Files.writeString(java, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessBuilder launcher() {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("glimpse").toString(), "probe", "x.mp4");
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("GLIMPSE_JAVA_OPTS");
        return pb;
    }
}
