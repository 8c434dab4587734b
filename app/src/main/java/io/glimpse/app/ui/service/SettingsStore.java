package io.glimpse.app.ui.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads and writes {@link Settings} as {@code settings.json} in the user's config directory:
 * the system property {@code glimpse.configDir}, else {@code $XDG_CONFIG_HOME/glimpse}, else
 * {@code ~/.config/glimpse}. Reading never fails: every value is checked ({@link SettingsReader}),
 * and a file with anything rejected is kept aside under a timestamped name. Writing is atomic and
 * durable, through a temporary file of its own, so two windows saving at once each leave a whole
 * file. Thread-safe (no mutable state; concurrent saves are safe, the last rename wins).
 */
public final class SettingsStore {
    /** More than any real settings file (presets included); a bigger one is junk and is not read. */
    static final int MAX_BYTES = 1 << 20;
    /** Settings nest three deep (presets[i].name); the parser stops far short of a stack overflow. */
    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // "width": Infinity costs that key, not the file
            .build()).enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final Clock clock;

    public SettingsStore(Path dir) {
        this(dir, Clock.systemDefaultZone());
    }

    /** With kept-aside files named after {@code clock}'s time (tests pass a fixed one). */
    public SettingsStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** The store in the user's config directory. */
    public static SettingsStore user() {
        return new SettingsStore(defaultDir());
    }

    static Path defaultDir() {
        String prop = System.getProperty("glimpse.configDir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "glimpse");
        }
        return Path.of(System.getProperty("user.home"), ".config", "glimpse");
    }

    public Path file() {
        return dir.resolve("settings.json");
    }

    /**
     * What {@link #read()} found.
     *
     * @param settings   the file's valid values, defaults for the rest; never null, nor any of its objects
     * @param problems   one line per rejected value or file, naming the file and the key and what is used instead
     * @param keptAside  where the original file now is (null when nothing was rejected or it could not be moved)
     */
    public record Loaded(Settings settings, List<String> problems, Path keptAside) {
    }

    /** {@link #read()}, with each problem written as a line to stderr. */
    public Settings load() {
        Loaded l = read();
        l.problems().forEach(System.err::println);
        return l.settings();
    }

    /**
     * The saved settings (defaults when there are none). A value that cannot be used falls back to
     * its default; a file that is not a JSON object (empty, an array, over {@link #MAX_BYTES},
     * unreadable, not valid JSON) gives all defaults. Either way the file is moved aside as
     * {@code settings.json.bad-yyyyMMdd-HHmmss} (a counter added when that name is taken), so
     * nothing is lost and the next start reads only what this one saves.
     */
    public Loaded read() {
        Path f = file();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return new Loaded(new Settings(), List.of(), null);
        }
        List<String> problems = new ArrayList<>();
        Settings settings = new Settings();
        try {
            // not a FIFO or device: opening one could block or never end
            JsonNode root = Files.isRegularFile(f) ? parse(f) : null;
            if (root == null) {
                problems.add(f + ": not a regular file; using defaults");
            } else if (root.isMissingNode()) {
                problems.add(f + ": empty; using defaults");
            } else if (!root.isObject()) {
                problems.add(f + ": " + SettingsReader.describe(root) + " at the top, not an object; using defaults");
            } else {
                SettingsReader reader = new SettingsReader();
                settings = reader.read(root);
                reader.problems().forEach(p -> problems.add(f + ": " + p));
            }
        } catch (TooBig e) {
            problems.add(f + ": over " + MAX_BYTES / 1024 + " KiB, not a settings file; using defaults");
        } catch (StreamConstraintsException e) {
            // the parser's limits: nesting (ours) in plain words, the others (a 1000-digit number) in Jackson's
            String why = e.getOriginalMessage().contains("nesting depth") ? "nested more than " + MAX_DEPTH + " deep"
                    : firstLine(e.getOriginalMessage());
            problems.add(f + ": " + why + ", not a settings file; using defaults");
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            problems.add(f + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + at + "); using defaults");
        } catch (IOException e) {
            problems.add(f + ": cannot be read (" + reason(e) + "); using defaults");
        }
        if (problems.isEmpty()) {
            return new Loaded(settings, List.of(), null);
        }
        Path aside = keepAside(f, problems);
        return new Loaded(settings, List.copyOf(problems), aside);
    }

    private static JsonNode parse(Path f) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(f)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // capped: the size on disk can lie (a growing file, /proc)
        }
        if (bytes.length > MAX_BYTES) {
            throw new TooBig();
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            JsonNode root = MAPPER.readTree(p);
            if (root != null && p.nextToken() != null) { // two files run together are not one valid file
                throw new JsonParseException(p, "more after the end of the first value");
            }
            return root == null ? MissingNode.getInstance() : root;
        }
    }

    /** Moves {@code f} to the first free {@code settings.json.bad-STAMP[-N]}; adds a line saying where, or why not. */
    private Path keepAside(Path f, List<String> problems) {
        String base = "settings.json.bad-" + LocalDateTime.now(clock).format(STAMP);
        for (int n = 1; n < 1000; n++) {
            Path aside = dir.resolve(n == 1 ? base : base + "-" + n);
            try {
                // no REPLACE_EXISTING (and no ATOMIC_MOVE, which replaces on Linux): an earlier kept-aside file is never overwritten
                Files.move(f, aside);
                problems.add(f + ": the original is kept as " + aside.getFileName());
                return aside;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                problems.add(f + ": cannot be moved aside (" + reason(e) + "); it will be replaced when the settings are saved");
                return null;
            }
        }
        problems.add(f + ": cannot be moved aside (999 kept-aside files of " + base + "); it will be replaced when the settings are saved");
        return null;
    }

    /**
     * Writes {@code settings} so that a crash or power loss leaves either the old file or the new
     * one: a fresh temporary file in the same folder (unique, so concurrent saves never share one),
     * flushed to disk, renamed over {@code settings.json}, then the folder itself flushed so the
     * rename survives too.
     *
     * @throws IOException when the directory cannot be created or the file cannot be written
     */
    public void save(Settings settings) throws IOException {
        write(bytes(settings));
    }

    /** {@code settings} as the bytes {@link #write} stores (a snapshot: later changes to the object do not reach it). */
    public byte[] bytes(Settings settings) {
        try {
            return MAPPER.writeValueAsBytes(settings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e); // plain public fields: not expected
        }
    }

    /**
     * Writes settings bytes from {@link #bytes} the way {@link #save} does.
     *
     * @throws IOException when the directory cannot be created or the file cannot be written
     */
    public void write(byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "settings", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        } finally {
            Files.deleteIfExists(tmp); // only left when a step above failed
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some systems (Windows) cannot open or flush a folder; the rename is then as durable as the system makes it
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A file over {@link #MAX_BYTES}. */
    private static final class TooBig extends IOException {
        TooBig() {
            super("too big");
        }
    }
}
