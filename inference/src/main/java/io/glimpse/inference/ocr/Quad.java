package io.glimpse.inference.ocr;

/**
 * A text line's box in image pixels: top-left, top-right, bottom-right, bottom-left (clockwise from the
 * top-left, as PaddleOCR's {@code order_points_clockwise}). Immutable.
 */
public record Quad(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) {
    public double x(int i) {
        return switch (i) { case 0 -> x0; case 1 -> x1; case 2 -> x2; default -> x3; };
    }

    public double y(int i) {
        return switch (i) { case 0 -> y0; case 1 -> y1; case 2 -> y2; default -> y3; };
    }

    double side(int a, int b) {
        return Math.hypot(x(a) - x(b), y(a) - y(b));
    }

    public double minX() {
        return Math.min(Math.min(x0, x1), Math.min(x2, x3));
    }

    public double maxX() {
        return Math.max(Math.max(x0, x1), Math.max(x2, x3));
    }

    public double minY() {
        return Math.min(Math.min(y0, y1), Math.min(y2, y3));
    }

    public double maxY() {
        return Math.max(Math.max(y0, y1), Math.max(y2, y3));
    }

    static Quad of(double[][] p) {
        return new Quad(p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1], p[3][0], p[3][1]);
    }
}
