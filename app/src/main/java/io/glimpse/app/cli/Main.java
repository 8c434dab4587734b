package io.glimpse.app.cli;

import io.glimpse.media.CancelledException;
import io.glimpse.media.MediaException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code glimpse} command line. Exit codes: 0 success, 2 usage error,
 * 3 bad input (one line on stderr naming the file and the problem), 130 cancelled (Ctrl+C),
 * 1 anything unexpected (a bug: the stack trace is printed).
 */
public final class Main {
    public static final int EXIT_BAD_INPUT = 3;
    public static final int EXIT_CANCELLED = 130;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given output streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new GlimpseCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof MediaException || e instanceof io.glimpse.inference.ModelFolderException
                    || e instanceof io.glimpse.app.history.HistoryException) {
                err.println("glimpse: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                err.println("glimpse: " + e.getMessage());
                err.println("Try 'glimpse " + commandLine.getCommandName() + " --help' for usage.");
                return CommandLine.ExitCode.USAGE;
            }
            if (e instanceof java.io.UncheckedIOException io) {
                err.println("glimpse: " + io.getMessage() + " (" + io.getCause().getMessage() + ")");
                return EXIT_BAD_INPUT;
            }
            if (e instanceof CancelledException) {
                err.println("glimpse: cancelled");
                return EXIT_CANCELLED;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * Whether stderr shows on a terminal (for progress lines that would clutter a log). The launcher
     * passes stderr through a pipe (to drop the JVM's incubator notice), so it says so in
     * {@code glimpse.terminal}; started without it, a console means a terminal.
     */
    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("glimpse.terminal") || System.console() != null;
    }

    /** A command-line argument problem that only shows after parsing (exit code 2). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
