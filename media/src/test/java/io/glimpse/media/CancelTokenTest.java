package io.glimpse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancelTokenTest {
    @Test
    void registeredActionsRunOnCancelUntilUnregistered() {
        CancelToken token = new CancelToken();
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        token.onCancel(kept::incrementAndGet);
        token.onCancel(dropped::incrementAndGet).close();
        assertThat(kept).hasValue(0);
        token.cancel();
        assertThat(kept).hasValue(1);
        assertThat(dropped).hasValue(0);
        assertThat(token.isCancelled()).isTrue();
    }

    @Test
    void anActionRegisteredAfterTheCancelRunsAtOnce() {
        CancelToken token = new CancelToken();
        token.cancel();
        AtomicInteger runs = new AtomicInteger();
        token.onCancel(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theTokenNobodyCancelsKeepsNoActions() {
        assertThat(CancelToken.NONE.onCancel(() -> { })).isSameAs(CancelToken.Registration.NONE);
        assertThatThrownBy(CancelToken.NONE::cancel).isInstanceOf(IllegalStateException.class);
    }
}
