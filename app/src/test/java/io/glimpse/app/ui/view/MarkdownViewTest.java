package io.glimpse.app.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Markdown to JavaFX nodes, headless: what each kind of block becomes, laid out in a narrow column. */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        WorkbenchView.applyTheme("light"); // the theme's looked-up colours (backgrounds, text fill)
        stage.setScene(new Scene(new StackPane(), 400, 600));
        stage.show();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Renders {@code md} at {@code width} in the stage's scene, CSS applied and laid out. */
    VBox shown(String md, double width) throws Exception {
        return fx(() -> {
            VBox v = MarkdownView.render(md);
            StackPane holder = new StackPane(v);
            holder.setMaxWidth(width);
            holder.setPrefWidth(width);
            holder.setMinWidth(width);
            stage.getScene().setRoot(new HBox(holder));
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return v;
        });
    }

    static String text(TextFlow f) {
        return f.getChildren().stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText()).collect(Collectors.joining());
    }

    static <T extends Node> List<T> all(Parent root, Class<T> type) {
        List<T> found = new java.util.ArrayList<>();
        for (Node n : root.getChildrenUnmodifiable()) {
            if (type.isInstance(n)) {
                found.add(type.cast(n));
            }
            if (n instanceof Parent p) {
                found.addAll(all(p, type));
            }
        }
        return found;
    }

    @Test
    void aTableIsAGridPaneWithEachCellInItsRowAndColumnAndABoldHeader() throws Exception {
        VBox v = shown("| model | tok/s |\n|:--|--:|\n| tiny | 300 |\n| big | 12.5 |\n", 380);
        GridPane grid = fx(() -> (GridPane) v.getChildren().get(0));
        String[][] cells = fx(() -> {
            String[][] c = new String[3][2];
            for (Node n : grid.getChildren()) {
                c[GridPane.getRowIndex(n)][GridPane.getColumnIndex(n)] = text((TextFlow) n);
            }
            return c;
        });
        assertThat(cells).isEqualTo(new String[][] {{"model", "tok/s"}, {"tiny", "300"}, {"big", "12.5"}});
        Text header = fx(() -> (Text) ((TextFlow) grid.getChildren().get(0)).getChildren().get(0));
        Text body = fx(() -> (Text) ((TextFlow) grid.getChildren().get(2)).getChildren().get(0));
        assertThat(fx(() -> header.getFont().getStyle().toLowerCase())).contains("bold");
        assertThat(fx(() -> body.getFont().getStyle().toLowerCase())).doesNotContain("bold");
        assertThat(fx(() -> ((TextFlow) grid.getChildren().get(3)).getTextAlignment())).isEqualTo(javafx.scene.text.TextAlignment.RIGHT);
    }

    @Test
    void aFencedCodeBlockIsMonospaceOnABackgroundAndKeepsItsLineBreaksExactly() throws Exception {
        String code = "def f(x):\n    return x  *  2\n\n\tend";
        VBox v = shown("Before\n\n```python\n" + code + "\n```\n", 380);
        TextFlow block = fx(() -> (TextFlow) v.getChildren().get(1));
        assertThat(fx(() -> block.getStyleClass())).contains("md-code-block");
        Text t = fx(() -> (Text) block.getChildren().get(0));
        assertThat(fx(t::getText)).isEqualTo(code);
        String mono = fx(() -> Font.font(MarkdownView.MONO, 12).getFamily());
        assertThat(fx(() -> t.getFont().getFamily())).isEqualTo(mono);
        Text before = fx(() -> (Text) ((TextFlow) v.getChildren().get(0)).getChildren().get(0));
        assertThat(fx(() -> before.getFont().getFamily())).isNotEqualTo(mono);
        assertThat(fx(() -> block.getBackground() != null && !block.getBackground().getFills().isEmpty())).isTrue();
        // four lines, each as tall as the first: the blank line is kept
        double lineHeight = fx(() -> new Text("x") {{ setFont(t.getFont()); }}.getLayoutBounds().getHeight());
        assertThat(fx(() -> t.getLayoutBounds().getHeight())).isBetween(3.5 * lineHeight, 4.5 * lineHeight);
    }

    @Test
    void paragraphsCarryBoldItalicAndInlineCodeRuns() throws Exception {
        VBox v = shown("plain **bold** *it* `x[0]`\nsoft", 380);
        TextFlow p = fx(() -> (TextFlow) v.getChildren().get(0));
        assertThat(fx(() -> text(p))).isEqualTo("plain bold it x[0] soft");
        List<Text> runs = fx(() -> p.getChildren().stream().map(Text.class::cast).toList());
        assertThat(fx(() -> runs.get(1).getFont().getStyle().toLowerCase())).contains("bold");
        assertThat(fx(() -> runs.get(3).getFont().getStyle().toLowerCase())).containsAnyOf("italic", "oblique");
        assertThat(fx(() -> runs.get(5).getFont().getFamily())).isEqualTo(fx(() -> Font.font(MarkdownView.MONO, 12).getFamily()));
        assertThat(fx(() -> runs.get(0).getFont().getStyle().toLowerCase())).doesNotContain("bold").doesNotContain("italic");
    }

    @Test
    void listsGetBulletsOrNumbersFromTheirStart() throws Exception {
        VBox v = shown("- one\n- two\n\n3. three\n4. four\n", 380);
        List<String> markers = fx(() -> all(v, Text.class).stream().filter(t -> t.getStyleClass().contains("md-marker"))
                .map(Text::getText).toList());
        assertThat(markers).containsExactly("•", "•", "3.", "4.");
        List<String> items = fx(() -> all(v, TextFlow.class).stream().filter(f -> f.getStyleClass().contains("md-paragraph"))
                .map(MarkdownViewTest::text).toList());
        assertThat(items).containsExactly("one", "two", "three", "four");
    }

    @Test
    void longParagraphsCodeAndTablesWrapToANarrowColumn() throws Exception {
        String words = "a fairly long sentence that cannot fit on one line of a narrow column ".repeat(4);
        VBox v = shown(words + "\n\n```\n" + "x".repeat(120) + "\n```\n\n| a | b |\n|---|---|\n| " + words + " | " + words + " |\n", 180);
        assertThat(fx(() -> v.getWidth())).isLessThanOrEqualTo(180);
        for (Node block : fx(() -> List.copyOf(v.getChildren()))) {
            // the block's own box (a wrapped line's trailing space may hang past it, unseen)
            assertThat(fx(() -> block.getLayoutX() + ((javafx.scene.layout.Region) block).getWidth())).as(block.toString())
                    .isLessThanOrEqualTo(180);
        }
        TextFlow first = fx(() -> (TextFlow) v.getChildren().get(0));
        assertThat(fx(first::getHeight)).isGreaterThan(60); // wrapped onto several lines
    }
}
