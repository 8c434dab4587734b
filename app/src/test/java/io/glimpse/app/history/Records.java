package io.glimpse.app.history;

import java.util.List;
import java.util.Map;

/** Records for the history tests. */
final class Records {
    private Records() {
    }

    static RunRecord run(long created, String model, String question, String answer, String media) {
        return new RunRecord("ask", null, created, new RunRecord.Model(model, "hcx-seed-vision-3b", "ab12"),
                List.of(new RunRecord.Media("video", "/data/" + media, 1234, "ff00", List.of(new RunRecord.Frame(0, 0.0),
                        new RunRecord.Frame(43, 1.433)), "")),
                "be brief", List.of(new RunRecord.Turn("user", "hi"), new RunRecord.Turn("assistant", "hello")), question,
                Map.of("temperature", 0.7, "seed", 7, "max_new_tokens", 64), Map.of("max_grids", 9, "count", 8),
                List.of("assumed 81 queries per grid (the config does not say)"),
                List.of(new RunRecord.LedgerPart("system prompt", 6), new RunRecord.LedgerPart("video " + media, 189)),
                List.of(new RunRecord.Stage("prefill", 0, 27.5), new RunRecord.Stage("generation", 27.5, 80)), answer,
                new RunRecord.Outcome("stop", 210, 189, 12, 114.0, 30.5, 191.0, null));
    }
}
