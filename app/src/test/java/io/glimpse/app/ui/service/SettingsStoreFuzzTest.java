package io.glimpse.app.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the settings reader, {@link SettingsStore#load}, on a settings.json written from the fuzz
 * input (docs/fuzzing.md). Its contract is that it never fails: a damaged file gives defaults and is
 * kept aside, so nothing is silently lost. Passing means: load returns settings without throwing,
 * and the input's bytes are still in settings.json or in the one copy kept aside. Regression mode replays
 * {@code SettingsStoreFuzzTestInputs/load/}.
 */
class SettingsStoreFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    void load(byte[] data) throws IOException {
        SettingsStore store = new SettingsStore(dir);
        for (Path old : keptAside()) {
            Files.delete(old);
        }
        Files.write(store.file(), data);

        assertThat(store.load()).isNotNull();

        java.util.List<Path> aside = keptAside();
        Path kept = aside.isEmpty() ? store.file() : aside.get(0);
        assertThat(aside).hasSizeLessThanOrEqualTo(1);
        assertThat(kept).exists().hasBinaryContent(data);
    }

    /** The copies a load set aside ("settings.json.bad-yyyyMMdd-HHmmss[-n]"). */
    private static java.util.List<Path> keptAside() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("settings.json.bad-")).toList();
        }
    }
}
