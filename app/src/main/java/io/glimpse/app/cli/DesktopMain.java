package io.glimpse.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Set;

/**
 * Main class of the installed app (the jpackage launcher). Started from the applications menu it gets
 * no arguments and opens the window; from a terminal it is the command line ({@code glimpse ask ...}),
 * exactly as {@link Main}. A file manager's "Open with Glimpse" runs {@code glimpse window %F} (the
 * .desktop entry), but a bare list of existing files also opens them in the window, so that
 * {@code glimpse photo.jpg} does what a desktop user expects instead of "unknown command".
 */
public final class DesktopMain {
    private DesktopMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(arguments(args), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The command line {@link Main} runs for the launcher's {@code args}. */
    static String[] arguments(String[] args) {
        if (args.length == 0) {
            return new String[] {"window"};
        }
        // an option or a subcommand goes to the command line as typed (its own errors, its own help)
        if (args[0].startsWith("-") || commandNames().contains(args[0])) {
            return args;
        }
        boolean allFiles = Arrays.stream(args).allMatch(a -> java.nio.file.Files.exists(java.nio.file.Path.of(a)));
        if (!allFiles) {
            return args;
        }
        String[] window = new String[args.length + 1];
        window[0] = "window";
        System.arraycopy(args, 0, window, 1, args.length);
        return window;
    }

    private static Set<String> commandNames() {
        return new picocli.CommandLine(new GlimpseCommand()).getSubcommands().keySet();
    }
}
