package io.glimpse.app.ui.view;

import atlantafx.base.theme.Styles;
import io.glimpse.app.ui.engine.AnswerResult;
import io.glimpse.app.ui.vm.Exchange;
import io.glimpse.app.ui.vm.MessageStats;
import io.glimpse.app.ui.vm.RunViewModel;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One message of the chat: the user's question (right, accented) or the model's answer (left), its
 * Markdown rendered, a Copy button (the raw text), and under an answer its figures (or the live
 * tokens/s while it streams), its state ("cancelled", "kept", "failed") and what can be done next:
 * Regenerate, Keep, Retry, Edit (the last question only). The streaming answer is re-rendered when
 * its text changes, which the view model does at most once per frame.
 */
final class ChatBubble extends VBox {
    private final Exchange exchange;
    private final boolean user;
    private final VBox body = new VBox();
    private String rendered;

    private ChatBubble(Exchange exchange, boolean user) {
        this.exchange = exchange;
        this.user = user;
        getStyleClass().addAll("chat-bubble", user ? "chat-bubble-user" : "chat-bubble-model");
        setSpacing(4);
        setMinWidth(0);
        setStyle(user
                ? "-fx-background-color: -color-accent-subtle; -fx-border-color: -color-accent-muted; -fx-background-radius: 10;"
                        + " -fx-border-radius: 10; -fx-padding: 6 10 6 10;"
                : "-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-muted; -fx-background-radius: 10;"
                        + " -fx-border-radius: 10; -fx-padding: 6 10 6 10;");
        getChildren().add(body);
    }

    /** The raw Markdown the bubble shows (what Copy copies). */
    String markdown() {
        return user ? exchange.question() : exchange.answer();
    }

    static ChatBubble question(Exchange e, RunViewModel vm, BooleanBinding isLast) {
        ChatBubble b = new ChatBubble(e, true);
        b.show(e.question());
        Button edit = small("Edit", "Put this question back into the prompt box and drop this exchange, to change and send it again");
        edit.getStyleClass().add("chat-edit");
        edit.setOnAction(a -> vm.editLast());
        shown(edit, isLast.and(vm.runningProperty().not()));
        b.getChildren().add(b.actions(edit));
        return b;
    }

    static ChatBubble answer(Exchange e, RunViewModel vm, BooleanBinding isLast) {
        ChatBubble b = new ChatBubble(e, false);
        b.show(e.answer());
        e.answerProperty().addListener((o, before, now) -> b.show(now));
        Label state = new Label();
        state.getStyleClass().addAll("chat-state", Styles.TEXT_SMALL);
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (e.state()) {
            case CANCELLED -> "cancelled: not sent with the next question";
            case KEPT -> "cancelled, kept as history";
            case ALONE -> "answered on its own (no history)";
            case FAILED -> "failed" + (e.errorProperty().get() == null ? "" : ": " + e.errorProperty().get());
            default -> "";
        }, e.stateProperty(), e.errorProperty()));
        state.setWrapText(true);
        state.setStyle("-fx-text-fill: " + "-color-warning-fg; -fx-font-weight: bold");
        shown(state, state.textProperty().isNotEmpty());
        Label stats = new Label();
        stats.getStyleClass().addAll("chat-stats", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        stats.setWrapText(true);
        ObservableValue<String> figures = Bindings.createStringBinding(() -> e.state() == Exchange.State.STREAMING
                ? vm.liveProperty().get() : e.resultProperty().get() == null ? "" : MessageStats.of(e.resultProperty().get()),
                e.stateProperty(), e.resultProperty(), vm.liveProperty());
        stats.textProperty().bind(figures);
        stats.tooltipProperty().bind(Bindings.createObjectBinding(() -> tip(e.resultProperty().get()), e.resultProperty()));
        shown(stats, stats.textProperty().isNotEmpty());
        BooleanBinding idleLast = isLast.and(vm.runningProperty().not());
        Button regenerate = small("Regenerate", "Ask this question again; the new answer replaces this one");
        regenerate.getStyleClass().add("chat-regenerate");
        regenerate.setOnAction(a -> vm.regenerate());
        shown(regenerate, idleLast.and(Bindings.createBooleanBinding(() -> e.state() == Exchange.State.DONE
                || e.state() == Exchange.State.KEPT || e.state() == Exchange.State.ALONE, e.stateProperty())));
        Button keep = small("Keep", "Send this stopped answer as history with the next question after all");
        keep.getStyleClass().add("chat-keep");
        keep.setOnAction(a -> vm.keep(e));
        shown(keep, Bindings.createBooleanBinding(() -> e.state() == Exchange.State.CANCELLED, e.stateProperty()));
        Button retry = small("Retry", "Ask this question again; the new answer replaces this one");
        retry.getStyleClass().add("chat-retry");
        retry.setOnAction(a -> vm.regenerate());
        shown(retry, idleLast.and(Bindings.createBooleanBinding(() -> e.state() == Exchange.State.CANCELLED
                || e.state() == Exchange.State.FAILED, e.stateProperty())));
        b.getChildren().addAll(state, stats, b.actions(regenerate, keep, retry));
        return b;
    }

    private static Tooltip tip(AnswerResult r) {
        return r == null ? null : new Tooltip(String.format(java.util.Locale.ROOT, "prompt tokens %d, total %.0f ms", r.promptTokens(),
                r.totalMs()));
    }

    private HBox actions(Button... extra) {
        Button copy = small("Copy", "Copy this message's text (Markdown) to the clipboard");
        copy.getStyleClass().add("chat-copy");
        copy.setOnAction(a -> Clipboards.copy(markdown()));
        HBox row = new HBox(4, copy);
        row.getChildren().addAll(extra);
        row.setAlignment(user ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    private static Button small(String text, String tip) {
        Button b = new Button(text);
        b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static void shown(javafx.scene.Node n, ObservableValue<Boolean> when) {
        n.visibleProperty().bind(when);
        n.managedProperty().bind(n.visibleProperty());
    }

    private void show(String markdown) {
        if (markdown.equals(rendered)) {
            return;
        }
        rendered = markdown;
        VBox md = MarkdownView.render(markdown);
        VBox.setVgrow(md, Priority.NEVER);
        body.getChildren().setAll(md);
    }
}
