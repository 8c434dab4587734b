package io.glimpse.app.ui.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.FakeEngine;
import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.service.SettingsStore;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.ledger.SegmentKind;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat's turns without any toolkit: a stopped answer is shown but not sent (unless kept),
 * Regenerate and Edit replace the last exchange, and the ledger always prices exactly the history
 * the next request carries.
 */
class ChatTurnsTest {
    @TempDir
    Path config;
    WorkbenchViewModel vm;
    StoppingEngine engine = new StoppingEngine();

    /** The fake engine, with Esc pressed during preprocessing ({@code stopAt} 0) or after that many pieces. */
    final class StoppingEngine implements AnswerEngine {
        final FakeEngine inner = new FakeEngine(3, 10_000);
        int stopAt = -1;
        AnswerRequest lastRequest;

        @Override
        public String describe() {
            return "stopping fake";
        }

        @Override
        public boolean acceptsMedia() {
            return true;
        }

        @Override
        public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) {
            lastRequest = request;
            int at = stopAt;
            stopAt = -1;
            if (at == 0) {
                listener.onStage("preprocess");
                vm.run().stop(); // the inline runner: Esc arrives while the engine is in its preprocessing
                // what a real engine returns when stopped before its first token: nothing generated, no timings
                return new AnswerResult("", FinishReason.CANCELLED, FakeEngine.promptTokens(request), 0, 0, 0,
                        List.of(new StageTime("preprocess", 0, 5)), null);
            }
            int[] seen = {0};
            return inner.answer(request, new AnswerListener() {
                @Override
                public void onStage(String stage) {
                    listener.onStage(stage);
                }

                @Override
                public void onText(String piece) {
                    listener.onText(piece);
                    if (++seen[0] == at) {
                        vm.run().stop();
                    }
                }
            }, cancel);
        }
    }

    @BeforeEach
    void open() {
        vm = new WorkbenchViewModel(TaskRunner.inline(), new SettingsStore(config), folder -> engine);
        vm.chooseModelFolder(config);
        vm.prompts().maxTokensProperty().set(3);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    void ask(String question) {
        vm.prompts().promptProperty().set(question);
        vm.runAnswer();
    }

    long historySegments() {
        return vm.ledger().ledger().segments().stream().filter(s -> s.kind() == SegmentKind.HISTORY).count();
    }

    @Test
    void anAnswerStoppedDuringPreprocessingIsShownCancelledButNotSentWithTheNextQuestion() {
        vm.prompts().promptProperty().set("and the colours?");
        int aloneTotal = vm.ledger().ledger().totalTokens();
        engine.stopAt = 0;
        ask("what is this?");

        Exchange stopped = vm.run().conversation().exchanges().get(0);
        assertThat(stopped.state()).isEqualTo(Exchange.State.CANCELLED);
        assertThat(stopped.answer()).isEmpty();
        assertThat(vm.run().conversation().turns()).isEmpty();
        // its figures: nothing was timed, so no "0 ms" and no "0.0"
        assertThat(MessageStats.of(stopped.resultProperty().get())).isEqualTo("0 tokens · first token — · — tok/s · cancelled");

        vm.prompts().promptProperty().set("and the colours?");
        assertThat(historySegments()).isZero();
        assertThat(vm.ledger().ledger().totalTokens()).isEqualTo(aloneTotal); // priced as a first question
        vm.runAnswer();
        assertThat(engine.lastRequest.history()).isEmpty();
        assertThat(vm.run().conversation().exchanges()).extracting(Exchange::state)
                .containsExactly(Exchange.State.CANCELLED, Exchange.State.DONE); // still shown
        assertThat(vm.run().conversation().turns()).containsExactly(ChatMessage.user("and the colours?"), ChatMessage.assistant("w0 w1 w2"));
    }

    @Test
    void keepingAStoppedAnswerSendsItAndTheLedgerPricesIt() {
        engine.stopAt = 2;
        ask("what is this?");
        Exchange stopped = vm.run().conversation().last();
        assertThat(stopped.state()).isEqualTo(Exchange.State.CANCELLED);
        assertThat(stopped.answer()).isEqualTo("w0 w1");
        vm.prompts().promptProperty().set("go on");
        assertThat(historySegments()).isZero();

        vm.run().keep(stopped);
        assertThat(stopped.state()).isEqualTo(Exchange.State.KEPT);
        assertThat(historySegments()).isEqualTo(2);
        List<ChatMessage> priced = List.copyOf(vm.run().conversation().turns());
        vm.runAnswer();
        assertThat(engine.lastRequest.history()).containsExactly(ChatMessage.user("what is this?"), ChatMessage.assistant("w0 w1"))
                .isEqualTo(priced);
    }

    @Test
    void retryAsksAStoppedQuestionAgainInItsPlace() {
        ask("first");
        engine.stopAt = 0;
        ask("second");
        vm.run().regenerate();
        assertThat(engine.lastRequest.prompt()).isEqualTo("second");
        assertThat(engine.lastRequest.history()).containsExactly(ChatMessage.user("first"), ChatMessage.assistant("w0 w1 w2"));
        assertThat(vm.run().conversation().exchanges()).extracting(Exchange::question, Exchange::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", Exchange.State.DONE),
                        org.assertj.core.groups.Tuple.tuple("second", Exchange.State.DONE));
    }

    @Test
    void regenerateReplacesTheLastAnswerAndSendsOnlyTheEarlierTurns() {
        ask("first");
        ask("second");
        Exchange before = vm.run().conversation().last();
        vm.prompts().promptProperty().set("something typed meanwhile");
        vm.run().regenerate();
        assertThat(engine.lastRequest.prompt()).isEqualTo("second");
        assertThat(engine.lastRequest.history()).containsExactly(ChatMessage.user("first"), ChatMessage.assistant("w0 w1 w2"));
        assertThat(vm.run().conversation().exchanges()).hasSize(2).doesNotContain(before);
        assertThat(vm.run().conversation().turns()).hasSize(4);
        assertThat(vm.prompts().promptProperty().get()).isEqualTo("something typed meanwhile"); // untouched
    }

    @Test
    void editPutsTheLastQuestionBackIntoThePromptBoxAndDropsItsExchange() {
        ask("first");
        ask("secnod");
        vm.prompts().promptProperty().set("");
        vm.run().editLast();
        assertThat(vm.prompts().promptProperty().get()).isEqualTo("secnod");
        assertThat(vm.run().conversation().exchanges()).extracting(Exchange::question).containsExactly("first");
        assertThat(vm.run().conversation().turns()).hasSize(2);
        assertThat(historySegments()).isEqualTo(2);
        ask("second");
        assertThat(engine.lastRequest.history()).containsExactly(ChatMessage.user("first"), ChatMessage.assistant("w0 w1 w2"));
    }

    @Test
    void regenerateAndEditNeedAQuestionFirst() {
        vm.run().regenerate();
        vm.run().editLast();
        assertThat(engine.lastRequest).isNull();
        assertThat(vm.messages().messages()).extracting(MessagesViewModel.Message::text)
                .contains("nothing to regenerate yet: ask a question first", "nothing to edit the question yet: ask a question first");
    }

    @Test
    void theFinishReasonIsInTheMessageNotInTheToolbarsStage() {
        ask("first");
        assertThat(vm.run().stageProperty().get()).isEmpty();
        assertThat(MessageStats.of(vm.run().conversation().last().resultProperty().get())).endsWith(" tok/s · length");
    }
}
