package io.glimpse.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.TaskRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window's services without a toolkit: the task runner's latest-wins rule (the settings file: SettingsStoreTest). */
class ServicesTest {
    @Test
    void theNewestRequestWinsAndTheStaleOneIsCancelledAndSilent() throws Exception {
        var ui = Executors.newSingleThreadExecutor();
        try (TaskRunner runner = TaskRunner.background(ui, 2)) {
            List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch firstStarted = new CountDownLatch(1);
            CountDownLatch secondDone = new CountDownLatch(1);
            boolean[] firstSawCancel = {false};
            TaskRunner.Latest latest = new TaskRunner.Latest();
            TaskRunner.Job first = latest.submit(runner, cancel -> {
                firstStarted.countDown();
                while (!cancel.isCancelled()) {
                    Thread.sleep(1);
                }
                firstSawCancel[0] = true;
                return "first";
            }, delivered::add, e -> delivered.add("failed"));
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            latest.submit(runner, cancel -> "second", v -> {
                delivered.add(v);
                secondDone.countDown();
            }, e -> delivered.add("failed"));
            assertThat(secondDone.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            assertThat(first.isCancelled()).isTrue();
            assertThat(firstSawCancel[0]).isTrue();
            assertThat(delivered).containsExactly("second");
        } finally {
            ui.shutdownNow();
        }
    }

    @Test
    void failuresReachOnFailureOnTheUiExecutor() {
        List<String> seen = new ArrayList<>();
        TaskRunner.inline().submit(cancel -> {
            throw new IllegalStateException("broken file");
        }, v -> seen.add("ok"), e -> seen.add(e.getMessage()));
        assertThat(seen).containsExactly("broken file");
    }
}
