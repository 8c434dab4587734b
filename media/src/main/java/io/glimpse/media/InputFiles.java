package io.glimpse.media;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The one check every reader of a user's file makes before opening it (images and videos alike),
 * so that each kind of unusable path gets the same one-line message. Stateless and thread-safe.
 *
 * <p>Only metadata is read: a FIFO would block the thread that opens it for reading until a writer
 * comes, and a device such as {@code /dev/zero} never ends, so neither is ever opened here.
 */
public final class InputFiles {
    /** Linux gives up after 40 links (MAXSYMLINKS); a chain that long is treated as a loop too. */
    private static final int MAX_LINKS = 40;

    // st_mode file types (POSIX <sys/stat.h>), for naming what a non-regular file is.
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFiles() {
    }

    /**
     * Checks that {@code file} (symbolic links followed) is a readable, non-empty regular file.
     *
     * @throws MediaException "file not found", "symbolic link loop", "is a directory, not a file",
     *                        "not a regular file (a FIFO)" (or a character device, block device,
     *                        socket), "file is empty (0 bytes)", "file is not readable (permission denied)"
     */
    public static void requireReadableRegularFile(Path file) throws MediaException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "file not found"); // also a link to a missing file
        } catch (AccessDeniedException e) {
            throw new MediaException(file, "file is not readable (permission denied)");
        } catch (FileSystemException e) {
            // The JDK reports ELOOP as a plain FileSystemException whose text depends on the platform,
            // so the chain is walked to tell a loop from other failures.
            if (isLinkLoop(file)) {
                throw new MediaException(file, "symbolic link loop");
            }
            throw new MediaException(file, "file is not readable (" + reason(e) + ")");
        } catch (IOException e) {
            throw new MediaException(file, "file is not readable (" + reason(e) + ")");
        }
        if (attributes.isDirectory()) {
            throw new MediaException(file, "is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new MediaException(file, "not a regular file (" + kindOfSpecialFile(file) + ")");
        }
        if (attributes.size() == 0) {
            throw new MediaException(file, "file is empty (0 bytes)");
        }
        if (!Files.isReadable(file)) {
            throw new MediaException(file, "file is not readable (permission denied)");
        }
    }

    /** Whether following {@code file}'s symbolic links comes back to one already seen (or never ends). */
    static boolean isLinkLoop(Path file) {
        Set<Path> seen = new HashSet<>();
        Path current = file.toAbsolutePath().normalize();
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            if (!Files.isSymbolicLink(current)) {
                return false;
            }
            if (!seen.add(current)) {
                return true;
            }
            try {
                Path target = Files.readSymbolicLink(current);
                Path parent = current.getParent();
                current = (parent == null ? target : parent.resolve(target)).toAbsolutePath().normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** "a FIFO", "a character device", ... from the file's st_mode; a generic phrase where that is unavailable. */
    private static String kindOfSpecialFile(Path file) {
        try {
            // The "unix" attribute view is the JDK's on Linux and macOS; elsewhere the generic phrase is used.
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & S_IFMT) {
                case S_IFIFO -> "a FIFO";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a FIFO, device or socket";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a FIFO, device or socket";
        }
    }

    private static String reason(IOException e) {
        String text = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.replaceAll("\\s+", " ").trim();
    }
}
