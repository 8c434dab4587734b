package io.glimpse.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path dir;

    @Test
    void aRecordComesBackWholeAndIsFoundByItsTextModelAndMedia() {
        try (HistoryStore h = HistoryStore.open(dir.resolve("history.db"))) {
            RunRecord r = Records.run(1000, "/models/tiny", "What colour is the car?", "Red, with a 50% discount_sign.", "cars.mp4");
            long id = h.add(r);
            h.add(Records.run(2000, "/models/other", "Count the birds", "Three.", "birds.jpg"));
            assertThat(h.get(id)).contains(r);
            assertThat(h.count()).isEqualTo(2);
            assertThat(h.search(HistoryQuery.text("COLOUR", 10))).extracting(RunSummary::id).containsExactly(id); // any case
            assertThat(h.search(HistoryQuery.text("50%", 10))).hasSize(1); // LIKE's own characters are literal
            assertThat(h.search(HistoryQuery.text("0_s", 10))).isEmpty();
            assertThat(h.search(HistoryQuery.text("t_s", 10))).hasSize(1);
            assertThat(h.search(new HistoryQuery(null, "/models/other", null, null, 10))).extracting(RunSummary::question)
                    .containsExactly("Count the birds");
            assertThat(h.search(new HistoryQuery(null, null, "cars", null, 10))).extracting(RunSummary::id).containsExactly(id);
            RunSummary s = h.search(HistoryQuery.all(10)).get(1); // newest first
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.visualTokens()).isEqualTo(189);
            assertThat(s.ttftMs()).isEqualTo(114.0);
            assertThat(s.mediaNames()).isEqualTo("cars.mp4");
            assertThat(h.models()).containsExactly("/models/other", "/models/tiny");
            assertThat(h.delete(id)).isTrue();
            assertThat(h.delete(id)).isFalse();
            assertThat(h.get(id)).isEmpty();
        }
    }

    @Test
    void recordsSurviveReopeningAndTheSchemaVersionIsRecorded() throws Exception {
        Path f = dir.resolve("history.db");
        try (HistoryStore h = HistoryStore.open(f)) {
            h.add(Records.run(1, "/m", "q", "a", "x.png"));
        }
        try (HistoryStore h = HistoryStore.open(f)) {
            assertThat(h.count()).isEqualTo(1);
            assertThat(h.notices()).isEmpty();
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f); var r = c.createStatement().executeQuery("PRAGMA user_version")) {
            assertThat(r.getInt(1)).isEqualTo(HistoryStore.MIGRATIONS.size());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f); var r = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsKeptAsideAndANewHistoryStarts() throws Exception {
        Path f = dir.resolve("history.db");
        byte[] junk = "this is not a database, it is a shopping list: eggs, milk, a 4090\n".repeat(200).getBytes();
        Files.write(f, junk);
        try (HistoryStore h = HistoryStore.open(f)) {
            assertThat(h.count()).isZero();
            h.add(Records.run(1, "/m", "q", "a", "x.png"));
            assertThat(h.notices()).hasSize(1);
            assertThat(h.notices().get(0)).startsWith(f + " could not be used (it is not a database); it was kept aside as history.db.bad-")
                    .endsWith(" and a new history was started");
        }
        try (var aside = Files.list(dir)) {
            Path kept = aside.filter(p -> p.getFileName().toString().matches("history\\.db\\.bad-\\d{8}-\\d{6}")).findFirst().orElseThrow();
            assertThat(java.util.Arrays.equals(Files.readAllBytes(kept), junk)).as("the kept file holds the old bytes").isTrue();
        }
    }

    @Test
    void aDamagedDatabaseIsKeptAside() throws Exception {
        Path f = dir.resolve("history.db");
        try (HistoryStore h = HistoryStore.open(f)) {
            for (int i = 0; i < 200; i++) {
                h.add(Records.run(i, "/m", "question " + i, "answer ".repeat(50), "x.png"));
            }
        }
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes.length).isGreaterThan(8 * 4096);
        for (int i = 2 * 4096; i < 6 * 4096; i++) { // pages 3-6 (table and index b-tree pages) overwritten
            bytes[i] = (byte) 0xA5;
        }
        Files.write(f, bytes);
        try (HistoryStore h = HistoryStore.open(f)) {
            assertThat(h.notices()).singleElement().asString().contains("could not be used (it is corrupt)");
            assertThat(h.count()).isZero();
        }
    }

    @Test
    void aFileLockedPastTheBusyTimeoutIsKeptAsideAndANewHistoryStarts() throws Exception {
        Path f = dir.resolve("history.db");
        try (HistoryStore h = HistoryStore.open(f)) {
            h.add(Records.run(1, "/m", "kept", "a", "x.png"));
        }
        // another process holding the file exclusively (as a hung program or a network file system's stale lock would)
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            var s = c.createStatement();
            s.execute("PRAGMA journal_mode = DELETE");
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO runs (created_ms, source, question, answer, media_names, record_json) VALUES (1, 'x', 'q', 'a', '', '{}')");
            try (HistoryStore h = HistoryStore.open(f)) {
                assertThat(h.notices()).singleElement().asString().contains("could not be used (it stayed locked for 5 s)");
                assertThat(h.count()).isZero();
                h.add(Records.run(2, "/m", "new", "a", "x.png"));
            }
            s.execute("ROLLBACK");
        }
        try (var aside = Files.list(dir)) {
            Path kept = aside.filter(p -> p.getFileName().toString().matches("history\\.db\\.bad-[0-9-]+")).findFirst().orElseThrow();
            try (HistoryStore old = HistoryStore.open(kept)) {
                assertThat(old.search(HistoryQuery.all(10))).extracting(RunSummary::question).containsExactly("kept"); // nothing lost
            }
        }
    }

    @Test
    void aHistoryFromANewerGlimpseIsLeftAlone() throws Exception {
        Path f = dir.resolve("history.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            c.createStatement().execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> HistoryStore.open(f)).isInstanceOf(HistoryException.class)
                .hasMessage("the run history was written by a newer Glimpse (schema 99; this one knows up to 1); it is left as it is: " + f);
        assertThat(java.util.Arrays.equals(Files.readAllBytes(f), before)).as("the file is unchanged").isTrue();
    }

    @Test
    void twoWindowsOnOneFileKeepEachOthersRecords() throws Exception {
        Path f = dir.resolve("history.db");
        try (HistoryStore a = HistoryStore.open(f); HistoryStore b = HistoryStore.open(f)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (HistoryStore h : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        h.add(Records.run(i, h == a ? "/a" : "/b", "q" + i, "x", "m.png"));
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
            pool.shutdown();
            assertThat(a.count()).isEqualTo(200);
            assertThat(b.search(new HistoryQuery(null, "/a", null, null, 1000))).hasSize(100);
        }
    }
}
