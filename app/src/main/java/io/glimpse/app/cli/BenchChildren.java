package io.glimpse.app.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a benchmark step in a fresh JVM (so its peak RSS is its own) and reads back the
 * {@code key value} lines it prints. The class path goes through an argument file: ONNX Runtime
 * 1.29 crashes while loading when the java command line is longer than about 3.9 KB, which the
 * launcher's expanded {@code lib/*} class path is. Also what every benchmark needs around its runs: its
 * resident set from /proc and the removal of its temporary folder. Stateless.
 */
final class BenchChildren {
    private BenchChildren() {
    }

    /** Runs {@code glimpse bench <args>} in a child JVM with this JVM's flags; returns its key/value lines. */
    static Map<String, String> run(List<String> args) throws IOException, InterruptedException {
        Path argFile = Files.createTempFile("glimpse-bench-cp", ".args");
        try {
            String cp = System.getProperty("java.class.path").replace("\\", "\\\\");
            Files.writeString(argFile, "-cp \"" + cp + "\"\n");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("@" + argFile);
            cmd.add(Main.class.getName());
            cmd.add("bench");
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("benchmark child " + args + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    out.put(line.substring(0, sp), line.substring(sp + 1).strip());
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(argFile);
        }
    }

    /** Deletes a benchmark's temporary folder and everything in it. */
    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** This process's peak resident set (VmHWM) in KiB, or -1 where /proc is absent. */
    static long peakRssKb() {
        return status("VmHWM:");
    }

    /** This process's resident set now (VmRSS) in KiB, or -1 where /proc is absent. */
    static long rssKb() {
        return status("VmRSS:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
