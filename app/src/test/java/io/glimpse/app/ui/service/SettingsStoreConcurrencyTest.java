package io.glimpse.app.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two windows (two stores on one folder) saving at once from several threads each. */
class SettingsStoreConcurrencyTest {
    static final int WRITERS_PER_STORE = 3, SAVES = 25;

    @Test
    void concurrentSavesAlwaysLeaveOneWholeFileAndNoTemporaryFiles(@TempDir Path dir) throws Exception {
        SettingsStore[] stores = {new SettingsStore(dir), new SettingsStore(dir)};
        ObjectMapper json = new ObjectMapper();
        // big enough that a torn or interleaved write could not pass for whole: 64 KiB per save
        String filler = "x".repeat(64 * 1024);
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_STORE + 1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readsOfAWholeFile = new AtomicInteger();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2 * WRITERS_PER_STORE; t++) {
                SettingsStore store = stores[t % 2];
                String who = "writer " + t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < SAVES; i++) {
                        Settings s = new Settings();
                        s.prompt = who + " save " + i;
                        s.system = s.prompt + filler; // the reader checks the two belong to one save
                        store.save(s);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                go.await();
                while (writing.get()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(dir.resolve("settings.json"));
                    } catch (NoSuchFileException e) {
                        continue; // before the first rename
                    }
                    JsonNode n = json.readTree(bytes); // throws on a partial file
                    assertThat(n.get("system").textValue()).isEqualTo(n.get("prompt").textValue() + filler);
                    readsOfAWholeFile.incrementAndGet();
                }
                return null;
            });
            go.countDown();
            for (Future<?> w : writers) {
                w.get(); // rethrows a writer's exception
            }
            writing.set(false);
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(readsOfAWholeFile.get()).isPositive();
        SettingsStore.Loaded last = stores[0].read();
        assertThat(last.problems()).isEmpty();
        // the last rename of all is some writer's last save
        assertThat(last.settings().prompt).matches("writer [0-5] save " + (SAVES - 1));
        assertThat(last.settings().system).isEqualTo(last.settings().prompt + filler);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }
}
