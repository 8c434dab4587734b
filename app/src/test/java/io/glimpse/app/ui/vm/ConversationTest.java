package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.TestMedia;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-up questions without any toolkit: history kept, priced by the ledger, sent, and cleared by New chat. */
class ConversationTest {
    @TempDir
    static Path media;
    static Path image;
    @TempDir
    Path config;
    WorkbenchViewModel vm;
    FakeEngine engine = new FakeEngine(20, 10_000);

    @BeforeAll
    static void makeMedia() throws Exception {
        image = TestMedia.image(media, "wide.png", 1000, 500);
    }

    void open() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> engine);
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void theNextRunContinuesTheConversationAndNewChatForgetsIt() {
        open();
        vm.chooseModelFolder(config);
        vm.media().add(List.of(image));
        vm.prompts().promptProperty().set("what is this?");
        vm.prompts().maxTokensProperty().set(3);
        int firstTotal = vm.ledger().ledger().totalTokens();
        assertThat(vm.ledger().ledger().segments()).noneMatch(s -> s.kind() == SegmentKind.HISTORY);
        vm.runAnswer();
        assertThat(vm.run().conversation().exchanges()).extracting(Exchange::question, Exchange::answer, Exchange::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("what is this?", "w0 w1 w2", Exchange.State.DONE));
        assertThat(vm.run().conversation().turns()).containsExactly(ChatMessage.user("what is this?"), ChatMessage.assistant("w0 w1 w2"));

        // the ledger now prices the earlier turns: exactly what the history costs with this layout
        TokenLedger withHistory = vm.ledger().ledger();
        int historyTokens = withHistory.segments().stream().filter(s -> s.kind() == SegmentKind.HISTORY).mapToInt(LedgerSegment::tokens).sum();
        assertThat(withHistory.segments()).filteredOn(s -> s.kind() == SegmentKind.HISTORY).hasSize(2);
        assertThat(historyTokens).isPositive();
        assertThat(withHistory.totalTokens()).isEqualTo(firstTotal + historyTokens);

        vm.prompts().promptProperty().set("and the colours?");
        vm.runAnswer();
        assertThat(engine.lastRequest.history()).containsExactly(ChatMessage.user("what is this?"), ChatMessage.assistant("w0 w1 w2"));
        assertThat(engine.lastRequest.prompt()).isEqualTo("and the colours?");
        assertThat(vm.run().conversation().exchanges()).extracting(Exchange::question, Exchange::answer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("what is this?", "w0 w1 w2"),
                        org.assertj.core.groups.Tuple.tuple("and the colours?", "w0 w1 w2"));
        assertThat(vm.run().conversation().turns()).hasSize(4);
        assertThat(vm.run().resultProperty().get().promptTokens()).isEqualTo(3 + 3 + 3); // the fake counts words of all turns

        vm.run().newChat();
        assertThat(vm.run().conversation().turns()).isEmpty();
        assertThat(vm.run().conversation().exchanges()).isEmpty();
        assertThat(vm.run().resultProperty().get()).isNull();
        assertThat(vm.ledger().ledger().segments()).noneMatch(s -> s.kind() == SegmentKind.HISTORY);
        vm.runAnswer();
        assertThat(engine.lastRequest.history()).isEmpty();
    }
}
