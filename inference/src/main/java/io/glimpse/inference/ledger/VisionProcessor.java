package io.glimpse.inference.ledger;

import io.glimpse.media.RgbImage;
import java.util.List;

/**
 * A model family's vision preprocessing: what it costs ({@link VisualCosts}) and what the model
 * sees — the actual tiles and canvases, as pictures, for the window to show and the command line
 * to dump. Immutable and thread-safe.
 */
public interface VisionProcessor extends VisualCosts {
    /** The tiles of one image, in the order the encoder receives them, after resize and padding. */
    List<RgbImage> imageTiles(RgbImage image, int maxGrids);

    /** A sampled video frame as the processor takes it (e.g. shrunk to the grid size). */
    RgbImage prepareFrame(RgbImage frame);

    /** Prepared frames grouped into canvases, each canvas a list of grids. */
    List<List<RgbImage>> videoCanvases(List<RgbImage> preparedFrames);

    /** Most images one request may hold. */
    int maxImages();

    /** Largest grid limit per image. */
    int maxGrids();

    /** The text a user would type for an image placeholder by mistake (refused when no image is attached). */
    List<String> placeholderTexts();
}
