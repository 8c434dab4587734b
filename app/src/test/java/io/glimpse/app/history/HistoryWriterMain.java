package io.glimpse.app.history;

import java.nio.file.Path;

/** Adds records to the history named by its argument until it is killed, printing each id once committed. */
public final class HistoryWriterMain {
    private HistoryWriterMain() {
    }

    public static void main(String[] args) {
        try (HistoryStore h = HistoryStore.open(Path.of(args[0]))) {
            for (int i = 0; ; i++) {
                long id = h.add(Records.run(i, "/m", "question " + i, "answer ".repeat(200) + i, "clip.mp4"));
                System.out.println("added " + id);
                System.out.flush();
            }
        }
    }
}
