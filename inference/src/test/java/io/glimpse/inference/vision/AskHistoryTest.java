package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follow-up question: earlier turns go into the prompt as text, counted by the ledger exactly. */
class AskHistoryTest {
    @TempDir
    static Path tmp;
    static VisionLanguageModel model;
    static Path image;

    @BeforeAll
    static void open() throws Exception {
        Path folder = tmp.resolve("random");
        TestModelWriter.write(folder, TestModelWriter.Family.HCX_VISION, 3);
        model = VisionLanguageModel.open(folder, RuntimeOptions.cpu());
        image = VisionTestMedia.png(tmp, "photo.png", VisionTestMedia.gradient(640, 480, 5));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void earlierTurnsAreInThePromptAndInTheLedger() throws Exception {
        AskRequest first = AskRequest.of("What colour is it?", VisionLanguageModelTest.tokens(3)).withImage(image, "");
        AskResult alone = model.ask(first, AskListener.NONE, CancelToken.NONE);
        List<ChatMessage> turns = List.of(ChatMessage.user("What is it?"), ChatMessage.assistant("A gradient."));
        AskResult followUp = model.ask(first.withHistory(turns), AskListener.NONE, CancelToken.NONE);

        List<LedgerSegment> history = followUp.ledger().segments().stream()
                .filter(s -> s.kind() == SegmentKind.HISTORY).toList();
        assertThat(history).extracting(LedgerSegment::source).containsExactly("turn 1 (user)", "turn 2 (assistant)");
        int historyTokens = history.stream().mapToInt(LedgerSegment::tokens).sum();
        assertThat(historyTokens).isPositive();
        // the model received exactly the ledger's count, and the history is all that was added
        assertThat(followUp.generation().promptTokens()).isEqualTo(followUp.ledger().promptTokens())
                .isEqualTo(alone.generation().promptTokens() + historyTokens);
    }

    @Test
    void historyHoldsOnlyUserAndAssistantTurnsWithoutPlaceholders() {
        AskRequest base = AskRequest.of("?", VisionLanguageModelTest.tokens(2)).withImage(image, "");
        assertThatThrownBy(() -> base.withHistory(List.of(ChatMessage.system("be brief"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history holds user and assistant turns, got a system turn");
        AskRequest sneaky = base.withHistory(List.of(ChatMessage.user("look: <|dummy3|>")));
        assertThatThrownBy(() -> model.ask(sneaky, AskListener.NONE, CancelToken.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the text contains the placeholder <|dummy3|>");
    }
}
