package io.glimpse.app.ui;

import io.glimpse.app.ui.service.Settings;
import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the window opens: the remembered size, no smaller than the layout needs and no bigger than
 * the screen it goes on, at the remembered place when that is still on a screen (screens come and
 * go between runs; a window placed off all of them, or larger than its screen, opens blank or out
 * of reach). A value; thread-safe.
 *
 * @param placed false: let the system place the window (x and y are then meaningless)
 */
record WindowPlace(double x, double y, double width, double height, boolean placed) {
    static final double MIN_WIDTH = 800, MIN_HEIGHT = 600;

    /**
     * @param screens the screens' visual bounds (without task bars), the primary screen first; not empty
     */
    static WindowPlace fit(Settings.Window w, List<Rectangle2D> screens) {
        double width = Math.max(MIN_WIDTH, w.width), height = Math.max(MIN_HEIGHT, w.height);
        boolean remembered = w.x >= 0 && w.y >= 0; // negative: the system placed it last time too
        Rectangle2D screen = remembered ? mostOverlapped(screens, new Rectangle2D(w.x, w.y, width, height)) : null;
        boolean placed = screen != null;
        if (screen == null) {
            screen = screens.get(0);
        }
        width = Math.min(width, screen.getWidth());
        height = Math.min(height, screen.getHeight());
        double x = placed ? clamp(w.x, screen.getMinX(), screen.getMaxX() - width) : 0;
        double y = placed ? clamp(w.y, screen.getMinY(), screen.getMaxY() - height) : 0;
        return new WindowPlace(x, y, width, height, placed);
    }

    /** The screen the rectangle overlaps most, or null when it overlaps none. */
    private static Rectangle2D mostOverlapped(List<Rectangle2D> screens, Rectangle2D r) {
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D s : screens) {
            double w = Math.min(s.getMaxX(), r.getMaxX()) - Math.max(s.getMinX(), r.getMinX());
            double h = Math.min(s.getMaxY(), r.getMaxY()) - Math.max(s.getMinY(), r.getMinY());
            if (w > 0 && h > 0 && w * h > bestArea) {
                best = s;
                bestArea = w * h;
            }
        }
        return best;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
