package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed app's launcher: no arguments open the window, a command line runs as typed. */
class DesktopMainTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentsOpenTheWindow() {
        assertThat(DesktopMain.arguments(new String[0])).containsExactly("window");
    }

    @Test
    void aCommandLineRunsAsTyped() {
        assertThat(DesktopMain.arguments(new String[] {"ask", "--model", "m", "what?"})).containsExactly("ask", "--model", "m", "what?");
        assertThat(DesktopMain.arguments(new String[] {"--version"})).containsExactly("--version");
        assertThat(DesktopMain.arguments(new String[] {"window", "a.png"})).containsExactly("window", "a.png");
    }

    @Test
    void existingFilesOpenInTheWindow() throws Exception {
        Path a = Files.createFile(dir.resolve("a.png"));
        Path b = Files.createFile(dir.resolve("b.mp4"));
        assertThat(DesktopMain.arguments(new String[] {a.toString(), b.toString()}))
                .containsExactly("window", a.toString(), b.toString());
    }

    @Test
    void aSubcommandNamedLikeAFileStaysACommand() throws Exception {
        // a file called "plan" in the working directory must not turn `glimpse plan` into the window
        Path plan = Files.createFile(dir.resolve("plan"));
        assertThat(DesktopMain.arguments(new String[] {"plan"})).containsExactly("plan");
        assertThat(Files.exists(plan)).isTrue();
    }

    @Test
    void aMissingFileIsLeftToTheCommandLineToReport() {
        String missing = dir.resolve("nope.png").toString();
        assertThat(DesktopMain.arguments(new String[] {missing})).containsExactly(missing);
    }

    @Test
    void theVersionRunsThroughMain() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = Main.run(DesktopMain.arguments(new String[] {"--version"}), new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("glimpse ");
    }
}
