package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.Conversation;
import io.glimpse.app.ui.vm.Exchange;
import io.glimpse.app.ui.vm.RunViewModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The conversation as bubbles, oldest on top, scrolled to the newest while the user stays at the
 * bottom. Bubbles wrap to the pane's width (never a horizontal scrollbar): a question takes at
 * most 85 % of it, on the right; an answer the whole width less a margin, on the left.
 */
final class ChatView extends ScrollPane {
    private final VBox column = new VBox(8);
    private final Map<Exchange, List<Node>> rows = new IdentityHashMap<>();
    private final RunViewModel vm;
    private final javafx.scene.control.Label empty = new javafx.scene.control.Label(
            "Ask about the images and videos: questions and answers appear here, and the next question follows up on them.");
    private boolean pinned = true;

    ChatView(RunViewModel vm) {
        this.vm = vm;
        setId("chat");
        column.setPadding(new Insets(6));
        column.setFillWidth(true);
        setContent(column);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("edge-to-edge");
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        empty.setId("chatPlaceholder");
        Conversation c = vm.conversation();
        c.exchanges().addListener((ListChangeListener<Exchange>) ch -> sync());
        // follow the newest text unless the user scrolled up to read
        vvalueProperty().addListener((o, a, v) -> pinned = v.doubleValue() >= getVmax() - 0.01);
        column.heightProperty().addListener((o, a, h) -> {
            if (pinned) {
                setVvalue(getVmax());
            }
        });
        sync();
    }

    /** The rows of the exchanges shown now: the same nodes for exchanges already shown. */
    private void sync() {
        List<Exchange> now = vm.conversation().exchanges();
        rows.keySet().retainAll(now); // Exchange has identity equality, like the map
        List<Node> children = new ArrayList<>();
        for (Exchange e : now) {
            children.addAll(rows.computeIfAbsent(e, this::rowsOf));
        }
        if (children.isEmpty()) {
            children.add(empty);
        }
        if (!children.equals(column.getChildren())) {
            column.getChildren().setAll(children);
        }
    }

    private List<Node> rowsOf(Exchange e) {
        BooleanBinding last = Bindings.createBooleanBinding(() -> vm.conversation().last() == e, vm.conversation().exchanges());
        ChatBubble q = ChatBubble.question(e, vm, last);
        ChatBubble a = ChatBubble.answer(e, vm, last);
        return List.of(row(q, Pos.TOP_RIGHT, 0.85), row(a, Pos.TOP_LEFT, 1.0));
    }

    private HBox row(ChatBubble bubble, Pos side, double share) {
        HBox row = new HBox(bubble);
        row.setAlignment(side);
        row.setMinWidth(0);
        bubble.maxWidthProperty().bind(row.widthProperty().multiply(share).subtract(share < 1 ? 0 : 12));
        return row;
    }
}
