package io.glimpse.inference.vision;

import io.glimpse.inference.hcx.AnyRes;
import io.glimpse.inference.hcx.HcxVideoProcessor;
import io.glimpse.inference.hcx.HcxVisionSettings;

/**
 * Turns the vision encoder's rows into the rows that replace one image's or video's placeholder
 * positions, in order (hcx-spec.md §5.5 and §6.2). Rows are flat {@code float[]} of
 * {@code count × d}. Stateless and thread-safe; inputs are not modified.
 */
public final class FeatureStitcher {
    private FeatureStitcher() {
    }

    /**
     * Where one image's local features lie: the stitched map is {@code rows·side} high and
     * {@code cols·side} wide; the kept window (after unpad) starts at {@code (top, left)} and is
     * {@code keptRows × keptCols}; with {@code newline} a newline row follows every kept map row.
     */
    public record ImageLayout(int rows, int cols, int side, int top, int left, int keptRows, int keptCols, boolean newline) {
        /** Encoder rows per tile (the pooled side × side map). */
        public int queriesPerTile() {
            return side * side;
        }

        /** Tiles the encoder sees: the global thumbnail plus the local grids. */
        public int tiles() {
            return 1 + rows * cols;
        }

        /** Stitched rows: the global tile's, the kept window's, and the newlines. */
        public int outputRows() {
            return queriesPerTile() + keptRows * keptCols + (newline ? keptRows : 0);
        }
    }

    /**
     * The layout of a {@code width × height} image under {@code settings} (already limited to the
     * request's grid count): rows, columns and the unpad crop come from {@link AnyRes#imageTokens},
     * so the stitched count always equals the ledger's.
     */
    public static ImageLayout imageLayout(int width, int height, HcxVisionSettings settings) {
        AnyRes.ImageTokens t = AnyRes.imageTokens(width, height, settings);
        int side = settings.querySideImage();
        int fullRows = t.rows() * side;
        int fullCols = t.cols() * side;
        if (!settings.unpad()) {
            return new ImageLayout(t.rows(), t.cols(), side, 0, 0, fullRows, fullCols, false);
        }
        int keptRows = t.newlineTokens();
        int keptCols = keptRows == 0 ? 0 : (t.localTokens() - keptRows) / keptRows;
        // unpad_image crops the same amount from both ends of one axis: [pad, full - pad).
        return new ImageLayout(t.rows(), t.cols(), side, (fullRows - keptRows) / 2, (fullCols - keptCols) / 2,
                keptRows, keptCols, true);
    }

    /**
     * One image's rows (§5.5): the global tile's {@code side²} rows first; then the local tiles,
     * viewed as [rows, cols, side, side, d], read as one map in raster order over the kept window,
     * each map row followed by {@code newline} when the layout has newlines.
     *
     * @param tileRows encoder rows of this image's tiles, tile 0 (global) first, then the local
     *                 tiles row-major, each {@code side²} rows in raster order
     * @param newline  the learned newline vector ({@code d} values); may be null without newlines
     * @throws IllegalArgumentException when the row count or the newline's width does not fit
     */
    public static float[] image(float[] tileRows, int d, ImageLayout layout, float[] newline) {
        int q = layout.queriesPerTile();
        long expected = (long) layout.tiles() * q * d;
        if (tileRows.length != expected) {
            throw new IllegalArgumentException("the encoder gave " + tileRows.length / d + " rows for an image of "
                    + layout.tiles() + " tiles, expected " + layout.tiles() * q);
        }
        if (layout.newline() && (newline == null || newline.length != d)) {
            throw new IllegalArgumentException("the image newline has " + (newline == null ? 0 : newline.length)
                    + " values, expected the hidden size " + d);
        }
        float[] out = new float[layout.outputRows() * d];
        System.arraycopy(tileRows, 0, out, 0, q * d);
        int at = q;
        int side = layout.side();
        for (int y = layout.top(); y < layout.top() + layout.keptRows(); y++) {
            for (int x = layout.left(); x < layout.left() + layout.keptCols(); x++) {
                int tile = 1 + (y / side) * layout.cols() + x / side;
                int query = (y % side) * side + x % side;
                System.arraycopy(tileRows, (tile * q + query) * d, out, at++ * d, d);
            }
            if (layout.newline()) {
                System.arraycopy(newline, 0, out, at++ * d, d);
            }
        }
        return out;
    }

    /**
     * The queries of each grid of a video of {@code frames} sampled frames, canvas by canvas
     * (§6.2): per canvas the first grid is slow (e.g. 81), the others fast (e.g. 9); with
     * {@code first_last_frames_slow}, only the video's first and last grids are slow. Frames over
     * the per-video cap are not counted. Sums to {@link HcxVideoProcessor#videoTokens}'s total.
     */
    public static int[] videoQueries(int frames, HcxVisionSettings settings) {
        int used = HcxVideoProcessor.videoTokens(frames, settings).framesUsed();
        int per = settings.maxFramesPerCanvas();
        int[] out = new int[used];
        for (int i = 0; i < used; i++) {
            boolean slow = settings.firstLastFramesSlow() ? i == 0 || i == used - 1 : i % per == 0;
            out[i] = slow ? settings.queriesVideoSlow() : settings.queriesVideoFast();
        }
        return out;
    }

    /**
     * One video's rows (§6.2): each grid's rows in grid order, canvas after canvas, no newline and
     * no unpad. The encoder already returns them in that order, so this checks the count and
     * returns the rows.
     *
     * @param gridRows encoder rows of this video's grids, in canvas order
     * @param queries  each grid's queries ({@link #videoQueries})
     * @throws IllegalArgumentException when the row count differs from the queries' sum
     */
    public static float[] video(float[] gridRows, int d, int[] queries) {
        long expected = 0;
        for (int q : queries) {
            expected += q;
        }
        if (gridRows.length != expected * d) {
            throw new IllegalArgumentException("the encoder gave " + gridRows.length / d + " rows for a video of "
                    + queries.length + " grids, expected " + expected);
        }
        return gridRows;
    }
}
