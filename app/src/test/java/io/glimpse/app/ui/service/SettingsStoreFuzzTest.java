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
 * and the input's bytes are still in settings.json or in settings.json.bad. Regression mode replays
 * {@code SettingsStoreFuzzTestInputs/load/}.
 */
class SettingsStoreFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    void load(byte[] data) throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Path bad = dir.resolve("settings.json.bad");
        Files.deleteIfExists(bad);
        Files.write(store.file(), data);

        assertThat(store.load()).isNotNull();

        Path kept = Files.exists(store.file()) ? store.file() : bad;
        assertThat(kept).exists().hasBinaryContent(data);
    }
}
