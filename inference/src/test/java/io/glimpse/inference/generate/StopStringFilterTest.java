package io.glimpse.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringFilterTest {
    @Test
    void aStopStringSplitAcrossPiecesIsNeverEmitted() {
        StopStringFilter f = new StopStringFilter(List.of("<|endofturn|>", "<|stop|>"));
        assertThat(f.accept("Hello")).isEqualTo("Hello");
        assertThat(f.accept(" there<|")).isEqualTo(" there"); // "<|" could start a stop string: held back
        assertThat(f.accept("endof")).isEmpty();
        assertThat(f.accept("turn|> more")).isEmpty();
        assertThat(f.stopped()).isTrue();
        assertThat(f.accept("ignored")).isEmpty();
    }

    @Test
    void heldBackTextThatTurnsOutHarmlessIsReleased() {
        StopStringFilter f = new StopStringFilter(List.of("<|stop|>"));
        assertThat(f.accept("a <")).isEqualTo("a ");
        assertThat(f.accept("b")).isEqualTo("<b");
        assertThat(f.accept("<|st")).isEmpty();
        assertThat(f.flush()).isEqualTo("<|st");
        assertThat(f.stopped()).isFalse();
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StopStringFilter f = new StopStringFilter(List.of("END", "<|stop|>"));
        assertThat(f.accept("x<|stop|>yEND")).isEqualTo("x");
        assertThat(f.stopped()).isTrue();
    }
}
