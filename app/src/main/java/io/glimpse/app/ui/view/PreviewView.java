package io.glimpse.app.ui.view;

import io.glimpse.app.ui.vm.FrameStripViewModel;
import io.glimpse.app.ui.vm.ImagePreview;
import io.glimpse.app.ui.vm.PreviewViewModel;
import io.glimpse.media.RgbImage;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * What the model sees: for an image, the resized, padded picture with the tile grid drawn over it
 * (padding hatched) and the global tile; for a video, its canvases. Warns when an image is downscaled.
 */
public final class PreviewView extends VBox {
    /** Tallest the picture grows; wider panes draw it larger up to this. */
    private static final double MAX_HEIGHT = 420;
    private static final double CANVAS_HEIGHT = 200;
    private final VBox content = new VBox(8);
    private final Label caption = new Label();
    private final Label warning = new Label();
    private java.util.function.Supplier<io.glimpse.inference.ocr.OcrResult> ocrOfSelected = () -> null;
    private LaterPulse refreshLater;

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
        for (Label l : new Label[] {warning, error}) {
            l.managedProperty().bind(l.textProperty().isNotEmpty()); // an empty line would push the picture down
            l.visibleProperty().bind(l.managedProperty());
        }
        Runnable refresh = () -> show(vm.imageProperty().get(), strip.canvasesProperty().get(), selection.getValue() != null);
        // new pictures are built a pulse after the change: the pulse showing a slider's new total stays light
        LaterPulse later = new LaterPulse(refresh);
        refreshLater = later;
        vm.imageProperty().addListener(o -> later.request());
        strip.canvasesProperty().addListener(o -> later.request());
        selection.addListener(o -> later.request());
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, caption, warning, error, content);
        refresh.run();
    }

    /**
     * Draws the OCR's line boxes of the selected image over its picture, redrawn as results arrive.
     * The boxes are in the original image's pixels; the picture is that image resized into the grid.
     */
    public void showOcrBoxes(javafx.collections.ObservableMap<java.nio.file.Path, io.glimpse.inference.ocr.OcrResult> results,
                             javafx.beans.value.ObservableValue<io.glimpse.app.ui.service.MediaItem> selected) {
        ocrOfSelected = () -> selected.getValue() == null ? null : results.get(selected.getValue().file());
        results.addListener((javafx.collections.MapChangeListener<java.nio.file.Path, io.glimpse.inference.ocr.OcrResult>) c -> refreshLater.request());
        refreshLater.request();
    }

    private void show(ImagePreview image, List<List<RgbImage>> canvases, boolean videoSelected) {
        content.getChildren().clear();
        warning.setText("");
        if (image != null) {
            io.glimpse.inference.ocr.OcrResult ocr = ocrOfSelected.get();
            FitImage picture = imageWithGrid(image, ocr);
            picture.prefWidthProperty().bind(content.widthProperty().multiply(0.78).subtract(8));
            FitImage global = new FitImage(List.of(image.global()), MAX_HEIGHT, null);
            global.setId("globalTile");
            VBox globalBox = new VBox(2, global, new Label("global tile"));
            globalBox.prefWidthProperty().bind(content.widthProperty().multiply(0.22));
            globalBox.setMinWidth(0);
            globalBox.maxWidthProperty().bind(globalBox.prefWidthProperty());
            HBox row = new HBox(8, picture, globalBox);
            row.setAlignment(Pos.TOP_LEFT);
            content.getChildren().add(row);
            caption.setText(String.format("%dx%d grid of %d px tiles, picture %dx%d, %d tokens%s", image.rows(), image.cols(), image.tile(),
                    image.contentW(), image.contentH(), image.tokens(), image.padded() ? "; hatched: padding" : "")
                    + (ocr == null || ocr.lines().isEmpty() ? "" : "; green: the " + ocr.lines().size() + " text line"
                    + (ocr.lines().size() == 1 ? "" : "s") + " the OCR read"));
            warning.setText(image.warning() == null ? "" : "⚠ " + image.warning());
        } else if (canvases != null && !canvases.isEmpty()) {
            int c = 1;
            for (List<RgbImage> canvas : canvases) {
                FitImage grids = new FitImage(canvas, CANVAS_HEIGHT, null);
                grids.getStyleClass().add("video-canvas");
                content.getChildren().add(new VBox(2, grids, new Label("canvas " + c++ + " (" + io.glimpse.inference.ledger.BudgetSolver.plural(canvas.size(), "grid") + ")")));
            }
            caption.setText(io.glimpse.app.ui.vm.PreviewViewModel.canvasCaption(canvases.size()));
        } else {
            caption.setText(videoSelected ? "decoding…" : "Drop an image or a video to see the tiles and canvases the model receives.");
        }
    }

    static final Color HATCH = Color.rgb(255, 0, 128, 0.55);

    /**
     * Hatches the padding: the strips above, below, left and right of the picture, each clipped as a
     * plain rectangle. (An even-odd "everything but the picture" clip path is ignored by the
     * software pipeline and hatched the whole picture.)
     */
    static void hatchPadding(GraphicsContext g, double w, double h, double cx, double cy, double cw, double ch) {
        double[][] strips = {
            {0, 0, w, cy}, {0, cy + ch, w, h - cy - ch}, {0, cy, cx, ch}, {cx + cw, cy, w - cx - cw, ch}};
        g.setStroke(HATCH);
        g.setLineWidth(1);
        for (double[] r : strips) {
            if (r[2] <= 0 || r[3] <= 0) {
                continue;
            }
            g.save();
            g.beginPath();
            g.rect(r[0], r[1], r[2], r[3]);
            g.closePath();
            g.clip();
            for (double d = -h; d < w; d += 8) {
                g.strokeLine(d, h, d + h, 0);
            }
            g.restore();
        }
    }

    /** The padded canvas scaled to fit, the grid lines over it and the padding hatched. */
    static FitImage imageWithGrid(ImagePreview p) {
        return imageWithGrid(p, null);
    }

    /** With the OCR's line boxes (null: none) mapped from the original image onto the resized picture. */
    static FitImage imageWithGrid(ImagePreview p, io.glimpse.inference.ocr.OcrResult ocr) {
        FitImage view = new FitImage(List.of(p.canvas()), MAX_HEIGHT, (g, scale, w, h) -> {
            double cx = Math.round(p.contentX() * scale);
            double cy = Math.round(p.contentY() * scale);
            double cw = Math.round(p.contentW() * scale);
            double ch = Math.round(p.contentH() * scale);
            hatchPadding(g, w, h, cx, cy, cw, ch);
            g.setStroke(Color.YELLOW);
            g.setLineWidth(1);
            for (int r = 0; r <= p.rows(); r++) { // whole-pixel centres: 1 px lines stay sharp at any scale
                double y = FitImage.crisp(Math.min(h - 1, r * p.tile() * scale));
                g.strokeLine(0, y, w, y);
            }
            for (int c = 0; c <= p.cols(); c++) {
                double x = FitImage.crisp(Math.min(w - 1, c * p.tile() * scale));
                g.strokeLine(x, 0, x, h);
            }
            g.setStroke(Color.CYAN);
            g.setLineDashes(5);
            g.strokeRect(FitImage.crisp(cx), FitImage.crisp(cy), cw - 1, ch - 1);
            if (ocr != null && ocr.width() > 0) {
                double f = p.contentW() / (double) ocr.width(); // original pixels to picture pixels
                g.setLineDashes(null);
                g.setStroke(Color.LIMEGREEN);
                g.setLineWidth(1.5);
                for (io.glimpse.inference.ocr.OcrLine line : ocr.lines()) {
                    double[] xs = new double[4];
                    double[] ys = new double[4];
                    for (int i = 0; i < 4; i++) {
                        xs[i] = (p.contentX() + line.box().x(i) * f) * scale;
                        ys[i] = (p.contentY() + line.box().y(i) * f) * scale;
                    }
                    g.strokePolygon(xs, ys, 4);
                }
            }
        });
        view.setId("gridOverlay");
        return view;
    }
}
