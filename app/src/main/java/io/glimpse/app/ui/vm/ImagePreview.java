package io.glimpse.app.ui.vm;

import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.inference.ledger.VisualCosts;
import io.glimpse.media.RgbImage;
import java.util.List;

/**
 * What the model sees of one image: the local tiles put back together as the padded canvas, the
 * grid over it, where the picture lies inside (the rest is padding), and the global thumbnail tile.
 * A processor without grids (one CLIP-style tile per image) shows that tile as a 1x1 canvas.
 * Immutable; built off the UI thread.
 *
 * @param canvas   the local tiles reassembled, {@code cols·tile × rows·tile}
 * @param global   the global (thumbnail) tile
 * @param rows     grid rows
 * @param cols     grid columns
 * @param tile     tile side in pixels
 * @param contentX left of the resized picture inside the canvas (padding to its left)
 * @param contentY top of the resized picture inside the canvas
 * @param contentW width of the resized picture
 * @param contentH height of the resized picture
 * @param tokens   visual tokens of the image
 * @param warning  e.g. "downscaled from 4032x3024 to ...", or null
 */
public record ImagePreview(RgbImage canvas, RgbImage global, int rows, int cols, int tile, int contentX, int contentY,
                           int contentW, int contentH, int tokens, String warning) {

    /** Tiles from the processor itself (the exact pixels the encoder gets), laid out by its cost detail. */
    public static ImagePreview of(RgbImage image, VisionProcessor vision, int maxGrids) {
        VisualCosts.ImageCost cost = vision.image(image.width(), image.height(), maxGrids);
        List<RgbImage> tiles = vision.imageTiles(image, maxGrids);
        if (!cost.detail().containsKey("grid")) {
            // a processor without grids (CLIP-style): its one tile is all the model sees, picture edge to edge
            if (tiles.size() != 1) {
                throw new IllegalStateException("the processor made " + tiles.size() + " tiles but gives no grid");
            }
            RgbImage t = tiles.get(0);
            return new ImagePreview(t, t, 1, 1, t.width(), 0, 0, t.width(), t.height(), cost.tokens(), cost.warning());
        }
        int[] grid = pair(String.valueOf(cost.detail().get("grid")));
        int rows = grid[0];
        int cols = grid[1];
        if (tiles.size() != 1 + rows * cols) {
            throw new IllegalStateException("the processor made " + tiles.size() + " tiles for a " + rows + "x" + cols + " grid");
        }
        int tile = tiles.get(0).width();
        byte[] canvas = new byte[cols * tile * rows * tile * 3];
        int stride = cols * tile * 3;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                byte[] t = tiles.get(1 + r * cols + c).toByteArray();
                for (int y = 0; y < tile; y++) {
                    System.arraycopy(t, y * tile * 3, canvas, (r * tile + y) * stride + c * tile * 3, tile * 3);
                }
            }
        }
        Object resized = cost.detail().get("resized");
        int[] wh = resized == null ? new int[] {cols * tile, rows * tile} : pair(String.valueOf(resized));
        int cw = cols * tile;
        int ch = rows * tile;
        // The processor pastes the resized picture centred, floor halves (hcx-spec §5.3).
        return new ImagePreview(RgbImage.wrap(cw, ch, canvas), tiles.get(0), rows, cols, tile, (cw - wh[0]) / 2, (ch - wh[1]) / 2,
                wh[0], wh[1], cost.tokens(), cost.warning());
    }

    /** "AxB" as two ints. */
    static int[] pair(String s) {
        String[] p = s.split("x");
        return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }

    public boolean padded() {
        return contentW < canvas.width() || contentH < canvas.height();
    }
}
