package io.glimpse.app.cli;

import static io.glimpse.app.cli.CommandLineTest.glimpse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code glimpse bench history} on a small store: every figure printed, the search results counted. */
class HistoryBenchmarkTest {
    @Test
    void printsAddOpenAndSearchFigures() {
        CommandLineTest.Run r = glimpse("bench", "history", "--records", "300", "--rounds", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("300 records").containsPattern("add one record \\(last 300\\): median [0-9.]+ ms, p95 [0-9.]+ ms")
                .containsPattern("open the pane \\(first 500 rows, models, count\\): +median +[0-9.]+ ms, max +[0-9.]+ ms \\(300 rows")
                .contains("search a common answer word").contains("search a media name").contains("filter by model");
        // the rare word is in about one answer in a hundred: found, but not in every record
        assertThat(r.out()).containsPattern("search a rare answer word \\('lighthouse'\\): +median .* \\(([1-9]|[1-9][0-9]) rows");
    }
}
