package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code glimpse bench serve}, briefly: every stream served without errors, the figures printed. */
class ServeBenchTest {
    @Test
    void aShortLoadServesEveryStreamWithoutErrors() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "serve", "--seconds", "1", "--streams", "4", "--queue", "1", "--tokens", "2"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("4 concurrent streams for 1 s").contains("other errors 0")
                .containsPattern("served [1-9]\\d*").contains("time to first byte p50").contains("serving overhead");
    }
}
