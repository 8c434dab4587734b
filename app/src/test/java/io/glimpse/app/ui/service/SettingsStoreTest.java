package io.glimpse.app.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The settings file read back from hostile content: each bad value its default, one line naming it, the file kept aside. */
class SettingsStoreTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T22:45:01Z"), ZoneOffset.UTC);
    static final String ASIDE = "settings.json.bad-20261204-224501";

    @TempDir
    Path dir;
    SettingsStore store;
    Path file;

    SettingsStore.Loaded loadFrom(byte[] content) throws Exception {
        store = new SettingsStore(dir, CLOCK);
        file = store.file();
        Files.write(file, content);
        return store.read();
    }

    SettingsStore.Loaded loadFrom(String json) throws Exception {
        return loadFrom(json.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }

    /** The loaded settings are exactly the defaults, the original bytes are kept aside and settings.json is gone. */
    void assertDefaultsAndKeptAside(SettingsStore.Loaded l, byte[] original) throws Exception {
        assertThat(json(l.settings())).isEqualTo(json(new Settings()));
        assertThat(l.keptAside()).isEqualTo(dir.resolve(ASIDE));
        assertThat(Files.readAllBytes(dir.resolve(ASIDE))).isEqualTo(original);
        assertThat(file).doesNotExist();
    }

    static Stream<Arguments> hostileFiles() {
        String deep = "{\"window\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String huge = "{\"prompt\": \"" + "a".repeat(SettingsStore.MAX_BYTES) + "\"}";
        return Stream.of(
                Arguments.of("empty", "", "empty; using defaults"),
                Arguments.of("blank", " \n\t", "empty; using defaults"),
                Arguments.of("array", "[{\"theme\": \"dark\"}]", "an array of 1 at the top, not an object; using defaults"),
                Arguments.of("string", "\"dark\"", "\"dark\" at the top, not an object; using defaults"),
                Arguments.of("huge", huge, "over 1024 KiB, not a settings file; using defaults"),
                Arguments.of("truncated", "{\"theme\": \"dark\", \"prompt\": ",
                        "not valid JSON (Unexpected end-of-input within/between Object entries at line 1, column 29); using defaults"),
                Arguments.of("two files run together", "{\"theme\": \"dark\"}{\"theme\": \"dark\"}",
                        "not valid JSON (more after the end of the first value at line 1, column 19); using defaults"),
                Arguments.of("nested too deep", deep, "nested more than 32 deep, not a settings file; using defaults"),
                Arguments.of("a 2000-digit number", "{\"topK\": " + "9".repeat(2000) + "}",
                        "Number value length (2000) exceeds the maximum allowed (1000, from"
                                + " `StreamReadConstraints.getMaxNumberLength()`), not a settings file; using defaults"),
                Arguments.of("a NUL outside a string", "{\"theme\":\u0000}",
                        "not valid JSON (Illegal character ((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed"
                                + " between tokens at line 1, column 11); using defaults"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void aHostileFileGivesDefaultsAndIsKeptAside(String what, String content, String message) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        SettingsStore.Loaded l = loadFrom(bytes);
        assertDefaultsAndKeptAside(l, bytes);
        assertThat(l.problems()).containsExactly(file + ": " + message, file + ": the original is kept as " + ASIDE);
    }

    @Test
    void aFolderNamedSettingsJsonIsMovedAsideAndDefaultsAreUsed() throws Exception {
        store = new SettingsStore(dir, CLOCK);
        file = store.file();
        Files.createDirectories(file);
        SettingsStore.Loaded l = store.read();
        assertThat(json(l.settings())).isEqualTo(json(new Settings()));
        assertThat(l.problems()).containsExactly(file + ": not a regular file; using defaults",
                file + ": the original is kept as " + ASIDE);
        assertThat(dir.resolve(ASIDE)).isDirectory();
        store.save(l.settings()); // the next save is not blocked by it
        assertThat(store.read().problems()).isEmpty();
    }

    @Test
    void nullWindowAndPresetsFallBackToTheirDefaultsAndTheRestIsKept() throws Exception {
        SettingsStore.Loaded l = loadFrom("{\"theme\": \"dark\", \"window\": null, \"presets\": null, \"prompt\": \"kept\"}");
        assertThat(l.settings().theme).isEqualTo("dark");
        assertThat(l.settings().prompt).isEqualTo("kept");
        assertThat(json(l.settings().window)).isEqualTo(json(new Settings.Window()));
        assertThat(l.settings().presets).isEmpty();
        assertThat(l.problems()).containsExactly(
                file + ": presets: null is not an array; using no presets",
                file + ": window: null is not an object; using the default place and size",
                file + ": the original is kept as " + ASIDE);
        assertThat(dir.resolve(ASIDE)).hasContent("{\"theme\": \"dark\", \"window\": null, \"presets\": null, \"prompt\": \"kept\"}");
    }

    @Test
    void aNulInTheModelFolderMeansNoFolderAndTheMessageShowsItEscaped() throws Exception {
        SettingsStore.Loaded l = loadFrom("{\"modelFolder\": \"/models/a\\u0000b\"}");
        assertThat(l.settings().modelFolder).isNull();
        assertThat(l.problems().get(0)).isEqualTo(file + ": modelFolder: \"/models/a\\u0000b\" is not a path"
                + " (Nul character not allowed); using no model folder");
        assertThat(String.join("\n", l.problems())).doesNotContain("\0");
    }

    @Test
    void wrongTypesNonFiniteAndOutOfRangeValuesEachCostOnlyTheirKey() throws Exception {
        SettingsStore.Loaded l = loadFrom("""
                {"theme": "blue", "greedy": "yes", "temperature": 1e9, "topK": "12", "topP": NaN, "maxTokens": 1.5,
                 "frameCount": 99999999999999999999, "seed": {"v": 1}, "budget": -5, "minP": 0.25, "futureKey": {"deep": [1, 2]},
                 "window": {"x": "left", "y": 40, "width": 1e9, "height": Infinity, "maximized": 1, "dividers": [0.9, 0.1]}}
                """);
        Settings s = l.settings();
        assertThat(List.of(s.theme, s.greedy, s.temperature, s.topK, s.topP, s.maxTokens, s.frameCount, s.seed, s.budget, s.minP))
                .containsExactly("light", true, 2.0, 0, 1.0, 256, 256, "", 0, 0.25);
        assertThat(List.of(s.window.x, s.window.y, s.window.width, s.window.height, s.window.maximized))
                .containsExactly(-1.0, 40.0, 16384.0, 860.0, false);
        assertThat(s.window.dividers).containsExactly(0.19, 0.6);
        assertThat(l.problems()).containsExactly(
                file + ": theme: \"blue\" is not one of light, dark; using light",
                file + ": greedy: \"yes\" is not true or false; using true",
                file + ": temperature: 1.0E9 is outside 0..2; using 2",
                file + ": topK: \"12\" is not a whole number; using 0",
                file + ": topP: NaN is not a finite number; using 1",
                file + ": seed: an object is not a string; using \"\" (a random seed per run)",
                file + ": maxTokens: 1.5 is not a whole number; using 256",
                file + ": frameCount: 99999999999999999999 is outside 1..256; using 256",
                file + ": budget: -5 is outside 0..2147483647; using 0",
                file + ": window.x: \"left\" is not a finite number; using -1",
                file + ": window.width: 1.0E9 is outside 640..16384; using 16384",
                file + ": window.height: Infinity is not a finite number; using 860",
                file + ": window.maximized: 1 is not true or false; using false",
                file + ": window.dividers: an array of 2 is not two increasing positions within 0..1; using [0.19, 0.6]",
                file + ": the original is kept as " + ASIDE);
    }

    @Test
    void badPresetsAreDroppedOneByOne() throws Exception {
        SettingsStore.Loaded l = loadFrom("""
                {"presets": [{"name": "a", "prompt": "q", "extra": 1}, 3, {"name": " "}, {"name": "b", "system": null}]}
                """);
        assertThat(l.settings().presets).extracting(p -> p.name + "|" + p.system + "|" + p.prompt).containsExactly("a||q", "b||");
        assertThat(l.problems()).containsExactly(
                file + ": presets[1]: 3 is not a preset with a name; dropped",
                file + ": presets[2]: an object is not a preset with a name; dropped",
                file + ": presets[3].system: null is not a string; using \"\"",
                file + ": the original is kept as " + ASIDE);
    }

    @Test
    void keptAsideFilesAreNeverOverwritten() throws Exception {
        loadFrom("[1]");
        loadFrom("[2]");
        loadFrom("[3]");
        assertThat(dir.resolve(ASIDE)).hasContent("[1]");
        assertThat(dir.resolve(ASIDE + "-2")).hasContent("[2]");
        assertThat(dir.resolve(ASIDE + "-3")).hasContent("[3]");
        assertThat(store.read().problems()).isEmpty(); // settings.json itself is gone: a fresh start, quietly
    }

    @Test
    void aGoodFileRoundTripsWithoutComplaintAndUnknownKeysAreIgnored() throws Exception {
        store = new SettingsStore(dir, CLOCK);
        assertThat(store.read().problems()).isEmpty(); // no file yet
        Settings s = new Settings();
        s.prompt = "kept";
        s.modelFolder = "/models/x";
        s.budget = 4096;
        s.presets.add(new Settings.Preset("p", "sys", "q"));
        s.window.x = 10;
        s.window.dividers = new double[] {0.3, 0.6};
        store.save(s);
        SettingsStore.Loaded back = store.read();
        assertThat(back.problems()).isEmpty();
        assertThat(back.keptAside()).isNull();
        assertThat(json(back.settings())).isEqualTo(json(s));
        Files.writeString(store.file(), "{\"theme\": \"dark\", \"futureField\": [3, {\"a\": null}], \"seed\": null, \"budget\": null}");
        SettingsStore.Loaded future = store.read();
        assertThat(future.problems()).isEmpty(); // newer versions' keys and documented nulls are no problem
        assertThat(future.settings().theme).isEqualTo("dark");
        assertThat(future.settings().seed).isEmpty();
        assertThat(future.settings().budget).isNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }
}
