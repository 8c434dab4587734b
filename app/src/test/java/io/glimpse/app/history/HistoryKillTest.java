package io.glimpse.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of writing runs leaves the history intact: it opens
 * without being set aside, and every record the writer saw committed is there and readable.
 */
class HistoryKillTest {
    @TempDir
    Path dir;

    @Test
    void killNineMidWriteLosesNothingCommitted() throws Exception {
        Path f = dir.resolve("history.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HistoryWriterMain.class.getName(), f.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long lastSeen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastSeen = Long.parseLong(line.substring("added ".length()));
                if (lastSeen >= 300) {
                    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, mid-transaction
                    break;
                }
            }
        }
        p.waitFor();
        assertThat(lastSeen).as("records the writer reported").isGreaterThanOrEqualTo(300);
        try (HistoryStore h = HistoryStore.open(f)) {
            assertThat(h.notices()).as("the file was usable as it was").isEmpty();
            assertThat(h.count()).isGreaterThanOrEqualTo((int) lastSeen);
            List<RunSummary> all = h.search(HistoryQuery.all(100_000));
            for (RunSummary s : all) {
                assertThat(h.get(s.id())).isPresent();
            }
            assertThat(h.get(lastSeen).orElseThrow().answer()).endsWith(String.valueOf(lastSeen - 1));
        }
    }
}
