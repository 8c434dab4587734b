package io.glimpse.app.cli;

import io.glimpse.app.ui.WindowLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "window", mixinStandardHelpOptions = true,
        description = {"Open the workbench window.",
                "FILEs (images, videos) are opened in it; settings live in $XDG_CONFIG_HOME/glimpse (~/.config/glimpse)."})
final class WindowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "images or videos to open")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new Main.UsageException(f + ": no such file");
            }
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            spec().commandLine().getErr().println("glimpse: no display: the window needs a desktop session (DISPLAY or WAYLAND_DISPLAY);"
                    + " the command line works without one (try glimpse demo)");
            return Main.EXIT_BAD_INPUT;
        }
        WindowLauncher.main(files.stream().map(Path::toString).toArray(String[]::new));
        return 0;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }
}
