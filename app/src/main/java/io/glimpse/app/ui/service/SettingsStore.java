package io.glimpse.app.ui.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link Settings} as {@code settings.json} in the user's config directory:
 * the system property {@code glimpse.configDir}, else {@code $XDG_CONFIG_HOME/glimpse}, else
 * {@code ~/.config/glimpse}. Writes go to a temporary file first, so a crash never leaves half a
 * file. Thread-safe (stateless apart from the fixed directory).
 */
public final class SettingsStore {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public SettingsStore(Path dir) {
        this.dir = dir;
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
     * The saved settings, or defaults when there are none. A damaged file is kept aside as
     * {@code settings.json.bad} (so nothing is silently lost) and defaults are returned.
     */
    public Settings load() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return new Settings();
        }
        try {
            Settings s = MAPPER.readValue(f.toFile(), Settings.class);
            return s == null ? new Settings() : s;
        } catch (IOException e) {
            try {
                Files.move(f, dir.resolve("settings.json.bad"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // keep the damaged file where it is; defaults are used either way
            }
            return new Settings();
        }
    }

    /** @throws IOException when the directory cannot be created or the file cannot be written */
    public void save(Settings settings) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("settings.json.tmp");
        MAPPER.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
