package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.await;
import static io.glimpse.app.ui.FxTestSupport.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.engine.AnswerEngine;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.app.ui.vm.Exchange;
import io.glimpse.app.ui.vm.WorkbenchViewModel;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.media.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The chat in the window, headless: Markdown answers (a table, code, a list) stream into bubbles
 * that fit the narrow answer column, a run stopped during preprocessing stays visible as cancelled
 * and is not counted as history until kept, Copy copies the raw Markdown, Edit puts the question
 * back; saves docs/screenshots/chat.png on the way.
 */
@ExtendWith(ApplicationExtension.class)
class ChatWindowTest {
    static final String TABLE = """
            The two models, side by side:

            | model | size | tok/s |
            |:--|--:|--:|
            | **tiny** vision | 0.3 B | 310.5 |
            | base | 3 B | 42.0 |

            - the *tiny* one is fast
            - the base one reads small text
            """;
    static final String CODE = """
            Resize first, then normalise:

            ```java
            BufferedImage out = new BufferedImage(w, h, TYPE_INT_RGB);
            g.drawImage(in, 0, 0, w, h, null);

                // indented, and the blank line above is kept
            ```

            1. decode
            2. resize with `drawImage`
            """;

    @TempDir
    Path config;
    FxTestSupport.OpenWindow window;
    WorkbenchViewModel vm;
    Stage stage;
    final ScriptedEngine engine = new ScriptedEngine();

    /** Streams the queued answers a few characters at a time; a null answer waits in preprocessing until stopped. */
    static final class ScriptedEngine implements AnswerEngine {
        final Deque<String> answers = new ArrayDeque<>();
        volatile AnswerRequest lastRequest;

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public boolean acceptsMedia() {
            return true;
        }

        @Override
        public AnswerResult answer(AnswerRequest request, AnswerListener listener, CancelToken cancel) {
            lastRequest = request;
            String text = answers.poll();
            if (text == null) {
                listener.onStage("preprocess");
                while (!cancel.isCancelled()) {
                    LockSupport.parkNanos(2_000_000);
                }
                return new AnswerResult("", FinishReason.CANCELLED, 40, 0, 0, 0, List.of(new StageTime("preprocess", 0, 35)), null);
            }
            listener.onStage("generation");
            int n = 0;
            for (int i = 0; i < text.length(); i += 4, n++) {
                listener.onText(text.substring(i, Math.min(text.length(), i + 4)));
                LockSupport.parkNanos(1_000_000);
            }
            List<StageTime> stages = List.of(new StageTime("decode", 0, 14), new StageTime("preprocess", 14, 9),
                    new StageTime("encode", 23, 61), new StageTime("prefill", 84, 27), new StageTime("generation", 111, n * 4.0));
            return new AnswerResult(text, FinishReason.STOP, 120, n, 114, 250, stages, null);
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = FxTestSupport.OpenWindow.show(stage, config, folder -> engine);
        vm = window.vm();
    }

    @AfterEach
    void close() {
        window.close();
    }

    void ask(FxRobot robot, String question) throws Exception {
        fx(() -> {
            vm.prompts().promptProperty().set(question);
            return null;
        });
        robot.clickOn("#runButton");
    }

    @Test
    void markdownAnswersFitTheColumnAndAStoppedRunIsShownButNotSent(FxRobot robot) throws Exception {
        fx(() -> {
            vm.chooseModelFolder(Files.createDirectories(config.resolve("model")));
            return null;
        });
        engine.answers.add(TABLE);
        engine.answers.add(CODE);
        // while it streams, the answer (and so its bubble's rendering) changes at most once per frame
        int[] pulses = {0};
        int[] updates = {0};
        Runnable pulse = () -> pulses[0]++;
        fx(() -> {
            vm.run().conversation().exchanges().addListener((javafx.collections.ListChangeListener<Exchange>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(e -> e.answerProperty().addListener(o -> updates[0]++));
                }
            });
            stage.getScene().addPostLayoutPulseListener(pulse);
            return null;
        });
        ask(robot, "Compare the two models.");
        await("the table answer", 10, () -> !vm.run().runningProperty().get() && vm.run().conversation().turns().size() == 2);
        fx(() -> {
            stage.getScene().removePostLayoutPulseListener(pulse);
            return null;
        });
        // one per piece would be ~48 updates in a few frames; + 1: the engine's final text, when it differs
        assertThat(updates[0]).isPositive().isLessThanOrEqualTo(pulses[0] + 1);
        ask(robot, "How is a frame resized?");
        await("the code answer", 10, () -> !vm.run().runningProperty().get() && vm.run().conversation().turns().size() == 4);
        ask(robot, "And the colours?");
        await("preprocessing", 10, () -> "preprocess".equals(vm.run().stageProperty().get()));
        robot.type(KeyCode.ESCAPE);
        await("the stop", 10, () -> !vm.run().runningProperty().get());

        // shown, marked, with its actions; not counted as history
        assertThat(fx(() -> ChatLookups.texts(robot, ".chat-bubble-user")))
                .containsExactly("Compare the two models.", "How is a frame resized?", "And the colours?");
        assertThat(fx(() -> ChatLookups.last(robot, ".chat-state"))).isEqualTo("cancelled: not sent with the next question");
        assertThat(fx(() -> ChatLookups.last(robot, ".chat-stats"))).isEqualTo("0 tokens · first token — · — tok/s · cancelled");
        assertThat(fx(() -> robot.lookup("#turns").queryAs(Label.class).getText())).isEqualTo("history: 2 exchanges");
        assertThat(fx(() -> robot.lookup("#stageLabel").queryAs(Label.class).getText())).isEmpty();
        // Copy on every message; Edit, Keep and Retry on the last exchange only (Regenerate is for a finished answer)
        assertThat(fx(() -> visibleButtons(robot))).containsExactly("Copy", "Copy", "Copy", "Copy", "Copy", "Edit", "Copy", "Keep", "Retry");

        // the table and the code rendered as such, and everything inside the column: no horizontal scrolling
        ScrollPane chat = robot.lookup("#chat").queryAs(ScrollPane.class);
        assertThat(fx(() -> ChatLookups.all(robot, ".md-table"))).hasSize(1);
        assertThat(fx(() -> ChatLookups.all(robot, ".md-code-block"))).hasSize(1);
        double viewport = fx(() -> chat.getViewportBounds().getWidth());
        assertThat(fx(() -> ((Region) chat.getContent()).getWidth())).isLessThanOrEqualTo(viewport);
        for (Node bubble : fx(() -> ChatLookups.all(robot, ".chat-bubble"))) {
            assertThat(fx(() -> bubble.localToScene(bubble.getLayoutBounds()).getMaxX()))
                    .isLessThanOrEqualTo(fx(() -> chat.localToScene(chat.getLayoutBounds()).getMaxX()));
        }
        fx(() -> {
            chat.setVvalue(chat.getVmax()); // the newest: the code answer's end and the stopped turn
            return null;
        });
        robot.moveTo("#planNote");
        Path shot = FxTestSupport.screenshot(stage.getScene(), "chat.png");
        // the whole conversation at the column's width: what scrolling through it shows
        Path whole = repoShot(chat.getContent(), "chat-conversation.png", "#ffffff");
        fx(() -> {
            vm.themeProperty().set("dark");
            chat.getScene().getRoot().applyCss();
            return null;
        });
        Path dark = repoShot(chat.getContent(), "chat-conversation-dark.png", "#0d1117");
        fx(() -> {
            vm.themeProperty().set("light");
            return null;
        });
        System.out.println("FIGURE chat screenshots " + shot + ", " + whole + ", " + dark);

        // Copy: the raw Markdown, not the rendered text
        List<Node> copies = fx(() -> ChatLookups.all(robot, ".chat-copy"));
        fx(() -> {
            ((Button) copies.get(1)).fire();
            return null;
        });
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(TABLE);

        // Keep: the stopped turn becomes history (and the ledger prices it)
        fx(() -> {
            ((Button) ChatLookups.all(robot, ".chat-keep").stream().filter(ChatWindowTest::shown).findFirst().orElseThrow()).fire();
            return null;
        });
        assertThat(fx(() -> robot.lookup("#turns").queryAs(Label.class).getText())).isEqualTo("history: 3 exchanges");
        assertThat(fx(() -> vm.run().conversation().last().state())).isEqualTo(Exchange.State.KEPT);

        // Edit: the last question back in the prompt box, its exchange gone
        fx(() -> {
            vm.prompts().promptProperty().set("");
            ((Button) ChatLookups.all(robot, ".chat-edit").stream().filter(Node::isVisible).findFirst().orElseThrow()).fire();
            return null;
        });
        assertThat(fx(() -> robot.lookup("#prompt").queryAs(TextInputControl.class).getText())).isEqualTo("And the colours?");
        assertThat(fx(() -> ChatLookups.texts(robot, ".chat-bubble-user"))).containsExactly("Compare the two models.", "How is a frame resized?");
        assertThat(fx(() -> robot.lookup("#turns").queryAs(Label.class).getText())).isEqualTo("history: 2 exchanges");
    }

    static Path repoShot(Node node, String name, String background) throws Exception {
        Path f = FxTestSupport.repoRoot().resolve("docs/screenshots").resolve(name);
        var params = new javafx.scene.SnapshotParameters();
        params.setFill(javafx.scene.paint.Color.web(background)); // the window's background under the translucent bubbles
        var image = fx(() -> node.snapshot(params, null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", f.toFile());
        return f;
    }

    static List<String> visibleButtons(FxRobot robot) {
        return ChatLookups.all(robot, ".button").stream().filter(ChatWindowTest::shown).map(b -> ((Button) b).getText()).toList();
    }

    static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
