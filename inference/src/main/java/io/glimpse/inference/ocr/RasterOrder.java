package io.glimpse.inference.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Reading order of text boxes, PaddleOCR's {@code sorted_boxes}: by the top-left corner's y then x, then
 * boxes whose tops are within 10 pixels count as one row and go left to right. Two columns thus read row
 * by row across both (raster order, as the HCX card's OCR example lists them). Stateless.
 */
public final class RasterOrder {
    /** Tops closer than this (pixels) are one row. */
    static final double SAME_ROW = 10;

    private RasterOrder() {
    }

    public static <T> List<T> sort(List<T> items, Function<T, Quad> box) {
        List<T> s = new ArrayList<>(items);
        s.sort(Comparator.comparingDouble((T t) -> box.apply(t).y0()).thenComparingDouble(t -> box.apply(t).x0()));
        for (int i = 0; i < s.size() - 1; i++) {
            for (int j = i; j >= 0; j--) {
                Quad a = box.apply(s.get(j));
                Quad b = box.apply(s.get(j + 1));
                if (Math.abs(b.y0() - a.y0()) < SAME_ROW && b.x0() < a.x0()) {
                    T t = s.get(j);
                    s.set(j, s.get(j + 1));
                    s.set(j + 1, t);
                } else {
                    break;
                }
            }
        }
        return s;
    }
}
