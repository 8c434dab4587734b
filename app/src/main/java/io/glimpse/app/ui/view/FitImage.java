package io.glimpse.app.ui.view;

import io.glimpse.media.RgbImage;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.Region;

/**
 * Pictures side by side, scaled as one to fill the width the layout gives (aspect kept, at most
 * {@code maxHeight} tall) and redrawn at the new size on every resize, with an optional overlay
 * drawn in the same scaled coordinates at device resolution (so lines stay crisp). UI thread only.
 */
final class FitImage extends Region {
    /** Draws over the pictures; {@code scale} maps source pixels to canvas pixels. */
    @FunctionalInterface
    interface Overlay {
        void draw(GraphicsContext g, double scale, double width, double height);
    }

    private static final double GAP = 2;
    private final Canvas canvas = new Canvas();
    private final List<Image> images;
    private final double sourceW;
    private final double sourceH;
    private final double maxHeight;
    private final Overlay overlay;
    private double drawnW = -1;
    private double drawnH = -1;

    FitImage(List<RgbImage> pictures, double maxHeight, Overlay overlay) {
        this.images = pictures.stream().map(FxImages::of).toList();
        this.sourceW = pictures.stream().mapToDouble(RgbImage::width).sum() + GAP * (pictures.size() - 1);
        this.sourceH = pictures.stream().mapToDouble(RgbImage::height).max().orElse(1);
        this.maxHeight = maxHeight;
        this.overlay = overlay;
        getChildren().add(canvas);
        setMinSize(40, 24);
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.min(sourceW, maxHeight * sourceW / sourceH);
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width - snappedLeftInset() - snappedRightInset();
        return Math.min(maxHeight, Math.max(1, w) * sourceH / sourceW);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    /** The scale the pictures are drawn at now (source pixels to screen pixels). */
    double scale() {
        return Math.min(getWidth() / sourceW, getHeight() / sourceH);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w == drawnW && h == drawnH) {
            return;
        }
        drawnW = w;
        drawnH = h;
        double s = Math.min(w / sourceW, h / sourceH);
        double cw = Math.max(1, Math.floor(sourceW * s));
        double ch = Math.max(1, Math.floor(sourceH * s));
        canvas.setWidth(cw);
        canvas.setHeight(ch);
        canvas.relocate(Math.floor((w - cw) / 2), 0);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, cw, ch);
        g.setImageSmoothing(true);
        double x = 0;
        for (Image img : images) {
            g.drawImage(img, x * s, 0, img.getWidth() * s, img.getHeight() * s);
            x += img.getWidth() + GAP;
        }
        if (overlay != null) {
            g.save();
            overlay.draw(g, s, cw, ch);
            g.restore();
        }
    }

    /** {@code v} moved to the middle of a device pixel, where a 1 px line is sharp. */
    static double crisp(double v) {
        return Math.floor(v) + 0.5;
    }
}
