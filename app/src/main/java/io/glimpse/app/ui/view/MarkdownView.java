package io.glimpse.app.ui.view;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark with GFM tables) as JavaFX nodes, no WebView: paragraphs and headings as
 * wrapping {@link TextFlow}s with bold, italic and inline code runs; fenced and indented code as a
 * monospace block on a tinted background that keeps its line breaks; lists with bullets or numbers;
 * tables as a {@link GridPane}. Everything wraps to the width it is given (a narrow column shows no
 * horizontal scrollbar). Colours are the theme's looked-up colours, so dark mode follows. UI thread only.
 */
public final class MarkdownView {
    static final String MONO = "Monospaced";
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final String FG = "-fx-fill: -color-fg-default;";

    private MarkdownView() {
    }

    /** The blocks of {@code markdown}, top to bottom, in a VBox of style class "markdown". */
    public static VBox render(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("markdown");
        box.setMinWidth(0);
        blocks(PARSER.parse(markdown == null ? "" : markdown), box);
        return box;
    }

    private static void blocks(org.commonmark.node.Node parent, VBox into) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node block = block(n);
            if (block != null) {
                into.getChildren().add(block);
            }
        }
    }

    private static Node block(org.commonmark.node.Node n) {
        if (n instanceof Paragraph) {
            return flow(n, "md-paragraph", "");
        } else if (n instanceof Heading h) {
            double size = Math.max(1.0, 1.5 - 0.15 * (h.getLevel() - 1));
            return flow(n, "md-heading", String.format(java.util.Locale.ROOT, "-fx-font-weight: bold; -fx-font-size: %.2fem;", size));
        } else if (n instanceof FencedCodeBlock f) {
            return codeBlock(f.getLiteral());
        } else if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        } else if (n instanceof BlockQuote) {
            VBox quote = new VBox(6);
            quote.getStyleClass().add("md-quote");
            quote.setStyle("-fx-border-color: transparent transparent transparent -color-border-default; -fx-border-width: 0 0 0 3;"
                    + " -fx-padding: 0 0 0 8;");
            blocks(n, quote);
            return quote;
        } else if (n instanceof TableBlock) {
            return table((TableBlock) n);
        } else if (n instanceof ThematicBreak) {
            return new Separator();
        } else if (n instanceof HtmlBlock html) {
            return textFlow("md-paragraph", text(html.getLiteral().stripTrailing(), ""));
        }
        return null;
    }

    /** A paragraph-like block: its inline runs in one wrapping flow. */
    private static TextFlow flow(org.commonmark.node.Node n, String styleClass, String style) {
        TextFlow flow = textFlow(styleClass);
        inlines(n, style, flow);
        return flow;
    }

    private static TextFlow textFlow(String styleClass, Text... texts) {
        TextFlow flow = new TextFlow(texts);
        flow.getStyleClass().add(styleClass);
        flow.setMinWidth(0); // wrap to any width the column gives, rather than push it wider
        return flow;
    }

    /** Inline runs, each a Text carrying the styles of the emphasis around it. */
    private static void inlines(org.commonmark.node.Node parent, String style, TextFlow into) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                into.getChildren().add(text(t.getLiteral(), style));
            } else if (n instanceof StrongEmphasis) {
                inlines(n, style + "-fx-font-weight: bold;", into);
            } else if (n instanceof Emphasis) {
                inlines(n, style + "-fx-font-style: italic;", into);
            } else if (n instanceof Code c) {
                Text code = text(c.getLiteral(), style + "-fx-font-family: '" + MONO + "'; -fx-fill: -color-accent-fg;");
                code.getStyleClass().add("md-inline-code");
                into.getChildren().add(code);
            } else if (n instanceof SoftLineBreak) {
                into.getChildren().add(text(" ", style));
            } else if (n instanceof HardLineBreak) {
                into.getChildren().add(text("\n", style));
            } else if (n instanceof Link) {
                inlines(n, style + "-fx-underline: true; -fx-fill: -color-accent-fg;", into);
            } else if (n instanceof HtmlInline h) {
                into.getChildren().add(text(h.getLiteral(), style));
            } else {
                inlines(n, style, into); // images (their alt text) and anything else: the text inside
            }
        }
    }

    private static Text text(String s, String style) {
        Text t = new Text(s);
        t.setStyle(FG + style); // after FG, so a link's or code's own fill wins
        return t;
    }

    /** The literal exactly, less the newline that closes the fence, in monospace on a tinted background. */
    private static Node codeBlock(String literal) {
        String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Text code = text(body, "-fx-font-family: '" + MONO + "';");
        code.getStyleClass().add("md-code");
        TextFlow flow = textFlow("md-code-block", code);
        flow.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 4; -fx-border-color: -color-border-muted;"
                + " -fx-border-radius: 4; -fx-padding: 6 8 6 8;");
        return flow;
    }

    private static Node list(org.commonmark.node.Node list) {
        VBox box = new VBox(3);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o ? (o.getMarkerStartNumber() == null ? 1 : o.getMarkerStartNumber()) : 0;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Text marker = text(list instanceof OrderedList ? (number++) + "." : "•", "");
            marker.getStyleClass().add("md-marker");
            TextFlow markerFlow = textFlow("md-marker-flow", marker);
            markerFlow.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox(3);
            blocks(item, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            content.setMinWidth(0);
            HBox row = new HBox(6, markerFlow, content);
            row.setAlignment(Pos.TOP_LEFT);
            box.getChildren().add(row);
        }
        return box;
    }

    /** Header cells bold; columns share the width, so long cells wrap instead of widening the pane. */
    private static GridPane table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 1;");
        int row = 0;
        int columns = 0;
        for (org.commonmark.node.Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (org.commonmark.node.Node r = part.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int col = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    TableCell cell = (TableCell) c;
                    TextFlow flow = flow(cell, "md-table-cell", cell.isHeader() ? "-fx-font-weight: bold;" : "");
                    flow.setPadding(new Insets(3, 6, 3, 6));
                    flow.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 1 1 0;"
                            + (cell.isHeader() ? " -fx-background-color: -color-bg-subtle;" : ""));
                    flow.setTextAlignment(switch (cell.getAlignment() == null ? TableCell.Alignment.LEFT : cell.getAlignment()) {
                        case CENTER -> javafx.scene.text.TextAlignment.CENTER;
                        case RIGHT -> javafx.scene.text.TextAlignment.RIGHT;
                        default -> javafx.scene.text.TextAlignment.LEFT;
                    });
                    flow.setMaxWidth(Double.MAX_VALUE);
                    flow.setMaxHeight(Double.MAX_VALUE);
                    grid.add(flow, col++, row);
                }
                columns = Math.max(columns, col);
                row++;
            }
        }
        for (int i = 0; i < columns; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            cc.setMinWidth(20);
            cc.setFillWidth(true);
            grid.getColumnConstraints().add(cc);
        }
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        return grid;
    }
}
