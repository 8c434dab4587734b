package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.FrameStripViewModel;
import io.glimpse.app.ui.vm.ImagePreview;
import io.glimpse.app.ui.vm.PreviewViewModel;
import io.glimpse.media.RgbImage;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * What the model sees: for an image, the resized, padded picture with the tile grid drawn over it
 * (padding hatched) and the global tile; for a video, its canvases. Warns when an image is downscaled.
 */
public final class PreviewView extends VBox {
    private static final double SIDE = 240;
    private final FlowPane content = new FlowPane(8, 8);
    private final Label caption = new Label();
    private final Label warning = new Label();

    public PreviewView(PreviewViewModel vm, FrameStripViewModel strip, javafx.beans.value.ObservableValue<?> selection) {
        Label title = new Label("What the model sees");
        title.getStyleClass().add("title-4");
        caption.setId("previewCaption");
        caption.setWrapText(true);
        warning.setId("previewWarning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: -color-warning-fg; -fx-font-weight: bold");
        content.setId("preview");
        Label error = new Label();
        error.textProperty().bind(vm.errorProperty());
        error.setStyle("-fx-text-fill: -color-danger-fg");
        Runnable refresh = () -> show(vm.imageProperty().get(), strip.canvasesProperty().get(), selection.getValue() != null);
        vm.imageProperty().addListener(o -> refresh.run());
        strip.canvasesProperty().addListener(o -> refresh.run());
        selection.addListener(o -> refresh.run());
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(SIDE + 20);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, caption, warning, error, scroll);
        refresh.run();
    }

    private void show(ImagePreview image, List<List<RgbImage>> canvases, boolean videoSelected) {
        content.getChildren().clear();
        warning.setText("");
        if (image != null) {
            content.getChildren().addAll(imageWithGrid(image), labelled(image.global(), "global tile"));
            caption.setText(String.format("%dx%d grid of %d px tiles, picture %dx%d, %d tokens%s", image.rows(), image.cols(), image.tile(),
                    image.contentW(), image.contentH(), image.tokens(), image.padded() ? "; hatched: padding" : ""));
            warning.setText(image.warning() == null ? "" : "⚠ " + image.warning());
        } else if (canvases != null && !canvases.isEmpty()) {
            int c = 1;
            for (List<RgbImage> canvas : canvases) {
                HBox grids = new HBox(2);
                for (RgbImage g : canvas) {
                    ImageView v = new ImageView(FxImages.of(g));
                    v.setPreserveRatio(true);
                    v.setFitHeight(Math.min(120, g.height()));
                    grids.getChildren().add(v);
                }
                content.getChildren().add(new VBox(2, grids, new Label("canvas " + c++)));
            }
            caption.setText(canvases.size() + " video canvas(es): the sampled frames as the encoder gets them");
        } else {
            caption.setText(videoSelected ? "decoding…" : "Drop an image or a video to see the tiles and canvases the model receives.");
        }
    }

    private static VBox labelled(RgbImage img, String text) {
        ImageView v = new ImageView(FxImages.of(img));
        v.setPreserveRatio(true);
        v.setFitWidth(Math.min(120, img.width()));
        return new VBox(2, v, new Label(text));
    }

    /** The padded canvas scaled to fit, the grid lines over it and the padding hatched. */
    private static StackPane imageWithGrid(ImagePreview p) {
        double scale = Math.min(1.0, SIDE / Math.max(p.canvas().width(), p.canvas().height()));
        double w = p.canvas().width() * scale;
        double h = p.canvas().height() * scale;
        ImageView view = new ImageView(FxImages.of(p.canvas()));
        view.setFitWidth(w);
        view.setFitHeight(h);
        Canvas overlay = new Canvas(w, h);
        overlay.setId("gridOverlay");
        GraphicsContext g = overlay.getGraphicsContext2D();
        double cx = p.contentX() * scale;
        double cy = p.contentY() * scale;
        double cw = p.contentW() * scale;
        double ch = p.contentH() * scale;
        g.setStroke(Color.rgb(255, 0, 128, 0.55));
        g.setLineWidth(1);
        g.save(); // hatch the padding: diagonals clipped to the area outside the picture
        g.beginPath();
        g.rect(0, 0, w, h);
        g.rect(cx, cy, cw, ch);
        g.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
        g.clip();
        for (double d = -h; d < w; d += 8) {
            g.strokeLine(d, h, d + h, 0);
        }
        g.restore();
        g.setStroke(Color.YELLOW);
        g.setLineWidth(2);
        for (int r = 0; r <= p.rows(); r++) {
            g.strokeLine(0, r * p.tile() * scale, w, r * p.tile() * scale);
        }
        for (int c = 0; c <= p.cols(); c++) {
            g.strokeLine(c * p.tile() * scale, 0, c * p.tile() * scale, h);
        }
        g.setStroke(Color.CYAN);
        g.setLineDashes(5);
        g.strokeRect(cx, cy, cw, ch);
        return new StackPane(view, overlay);
    }
}
