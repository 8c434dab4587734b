package io.glimpse.app.ui;

import static io.glimpse.app.ui.FxTestSupport.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;

/**
 * The window tests' look check: a scene's content laid out at 1280x800 and 1920x1080, each written
 * to {@code app/target/screenshots/<state>-WxH.png} to be looked at, and every visible label whose
 * text is shown cut off with an ellipsis noted.
 */
final class LayoutCheck {
    static final double[][] SIZES = {{1280, 800}, {1920, 1080}};

    private LayoutCheck() {
    }

    /**
     * Shoots {@code scene}'s root at each of {@link #SIZES} (moved into a scene of that size and back,
     * as Monocle's screen is 1280x800) and adds every cut label to {@code clipped}.
     *
     * @param wholeInTooltip whether a label cut but with its whole text in its tooltip is accepted
     */
    static void shoot(Scene scene, String state, boolean wholeInTooltip, List<String> clipped) throws Exception {
        for (double[] size : SIZES) {
            Parent root = fx(() -> {
                Parent r = scene.getRoot();
                scene.setRoot(new Group());
                return r;
            });
            Scene sized = fx(() -> new Scene(root, size[0], size[1]));
            try {
                fx(() -> {
                    root.applyCss();
                    root.layout();
                    return null;
                });
                Thread.sleep(250); // views that apply a pulse late
                String name = state + "-" + (int) size[0] + "x" + (int) size[1] + ".png";
                var shot = fx(() -> {
                    root.applyCss();
                    root.layout();
                    return sized.snapshot(null);
                });
                Path dir = FxTestSupport.repoRoot().resolve("app/target/screenshots");
                Files.createDirectories(dir);
                ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve(name).toFile());
                fx(() -> {
                    cut(root, name, wholeInTooltip, clipped);
                    return null;
                });
            } finally {
                fx(() -> {
                    sized.setRoot(new Group());
                    scene.setRoot(root);
                    return null;
                });
            }
        }
    }

    /** Visible labels (and buttons) showing their text cut off: an ellipsis their own text does not have. */
    static void cut(Node n, String where, boolean wholeInTooltip, List<String> clipped) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            boolean inTooltip = wholeInTooltip && l.getTooltip() != null && l.getTooltip().getText().contains(l.getText());
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.getText() != null && !t.getText().equals(l.getText())
                        && t.getText().contains(l.getEllipsisString()) && !l.getText().contains(l.getEllipsisString()) && !inTooltip) {
                    clipped.add(where + ": \"" + l.getText() + "\" shown as \"" + t.getText() + "\"");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                cut(c, where, wholeInTooltip, clipped);
            }
        }
    }
}
