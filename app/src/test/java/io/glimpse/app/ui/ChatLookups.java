package io.glimpse.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.testfx.api.FxRobot;

/** What the chat shows, read from its nodes in scene order (call on the FX thread). */
final class ChatLookups {
    private ChatLookups() {
    }

    /** Nodes under the chat with this style class (".chat-bubble-user"), top to bottom. */
    static List<Node> all(FxRobot robot, String styleClass) {
        List<Node> found = new ArrayList<>();
        collect(robot.lookup("#chat").queryAs(javafx.scene.control.ScrollPane.class).getContent(), styleClass.substring(1), found);
        return found;
    }

    private static void collect(Node n, String styleClass, List<Node> into) {
        if (n.getStyleClass().contains(styleClass)) {
            into.add(n);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, styleClass, into);
            }
        }
    }

    /** The text each bubble's rendered Markdown shows, its blocks one per line. */
    static List<String> texts(FxRobot robot, String bubbleClass) {
        return all(robot, bubbleClass).stream().map(ChatLookups::rendered).toList();
    }

    static String rendered(Node bubble) {
        List<Node> flows = new ArrayList<>();
        collect(bubble, "markdown", flows);
        List<String> lines = new ArrayList<>();
        for (Node md : flows) {
            for (Node block : ((Parent) md).getChildrenUnmodifiable()) {
                if (block instanceof TextFlow f) {
                    lines.add(f.getChildren().stream().filter(Text.class::isInstance).map(t -> ((Text) t).getText())
                            .collect(Collectors.joining()));
                }
            }
        }
        return String.join("\n", lines);
    }

    /** The newest answer's shown text ("" before there is one). */
    static String lastAnswer(FxRobot robot) {
        List<String> answers = texts(robot, ".chat-bubble-model");
        return answers.isEmpty() ? "" : answers.get(answers.size() - 1);
    }

    /** The text of the last visible label with this style class. */
    static String last(FxRobot robot, String labelClass) {
        List<Node> labels = all(robot, labelClass).stream().filter(Node::isVisible).toList();
        return labels.isEmpty() ? "" : ((Label) labels.get(labels.size() - 1)).getText();
    }
}
