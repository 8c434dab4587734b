package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run glimpse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    long add(HistoryStore h, String question, String answer) {
        return h.add(new RunRecord("ask", null, 1_700_000_000_000L, new RunRecord.Model("/models/tiny", "hcx-seed-vision-3b", "ab"),
                List.of(new RunRecord.Media("image", "/data/cars.jpg", 10, "0123456789abcdef", List.of(), "")), "", List.of(), question,
                Map.of("do_sample", false, "max_new_tokens", 32), Map.of(), List.of(),
                List.of(new RunRecord.LedgerPart("system prompt", 6), new RunRecord.LedgerPart("image cars.jpg", 301)), List.of(), answer,
                new RunRecord.Outcome("STOP", 320, 301, 5, 114.0, null, 191.0, null)));
    }

    @Test
    void listShowExportAndRemove() throws Exception {
        Path db = dir.resolve("h.db");
        long a;
        long b;
        try (HistoryStore h = HistoryStore.open(db)) {
            a = add(h, "What colour is the car?", "Red.");
            b = add(h, "How many wheels, \"roughly\"?", "Four, give or take");
        }
        Run list = glimpse("history", "--db", db.toString(), "list", "--search", "colour");
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2).last().asString()
                .matches("\\s+" + a + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  ask       stop        320    191 ms  What colour is the car\\?");
        Run show = glimpse("history", "--db", db.toString(), "show", String.valueOf(a));
        assertThat(show.out()).contains("## Token ledger\n\n| part | tokens |\n|---|---:|\n| system prompt | 6 |\n| image cars.jpg | 301 |\n| **total** | **307** |")
                .contains("- tokens/s: —").contains("## Answer\n\nRed.");
        Path csv = dir.resolve("out/runs.csv");
        Run export = glimpse("history", "--db", db.toString(), "export", String.valueOf(a), String.valueOf(b), "--format", "csv", "--out", csv.toString());
        assertThat(export.out()).isEqualTo("wrote " + csv + " (2 runs)\n");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).startsWith("id,created,source,group,model,media,question,answer,finish_reason");
        assertThat(rows.get(2)).contains(",\"How many wheels, \"\"roughly\"\"?\",Four, give or take,".replace("Four, give or take", "\"Four, give or take\""));
        Run rm = glimpse("history", "--db", db.toString(), "rm", String.valueOf(a));
        assertThat(rm.out()).isEqualTo("deleted 1 run\n");
        Run again = glimpse("history", "--db", db.toString(), "show", String.valueOf(a));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).startsWith("glimpse: no run " + a + " in " + db + " (glimpse history list shows the ids)");
    }

    @Test
    void anUnusableHistoryFileIsNamedAndKeptAside() throws Exception {
        Path db = dir.resolve("h.db");
        Files.writeString(db, "not a database".repeat(100));
        Run list = glimpse("history", "--db", db.toString(), "list");
        assertThat(list.code()).isZero();
        assertThat(list.err()).startsWith("glimpse: " + db + " could not be used (it is not a database); it was kept aside as h.db.bad-");
        assertThat(list.out()).isEqualTo("no runs recorded yet in " + db + "\n");
    }
}
