package io.glimpse.inference.hcx;

import io.glimpse.media.resize.ResampleFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Image/video preprocessing parameters of HyperCLOVAX-SEED-Vision-Instruct-3B (spec
 * {@code hcx-spec.md} §1.2, §5.1, §6).
 *
 * <p>Immutable (every list is copied with {@link List#copyOf}) and therefore thread-safe. The
 * compact constructor refuses inconsistent values with a one-line {@link IllegalArgumentException}
 * naming the key and value, so a settings object that exists is always usable by {@link AnyRes},
 * {@link HcxImageProcessor} and {@link HcxVideoProcessor}.
 *
 * @param gridSize side of one grid (tile) in pixels, {@code crop_size} (378)
 * @param patchSize vision patch side, {@code patch_size} (14); must divide {@code gridSize}
 * @param anyres whether images are split into local grids (§5.3); only {@code true} is processed
 * @param maxNumGrids most local grids per image, {@code max_num_grids} (9)
 * @param use1x1Grid whether the 1×1 shape is offered when the list is rebuilt (§5.2)
 * @param possibleResolutions candidate [height, width] shapes in tie-breaking order; {@code null}
 *     or empty means "rebuild per §5.2"
 * @param unpad whether image tokens are unpadded with a newline per row (§5.4); shipped value UNCONFIRMED
 * @param queriesImage {@code num_queries_vis_abstractor_image} (81); a perfect square
 * @param queriesVideoSlow {@code num_queries_vis_abstractor_video_slow} (81); a perfect square
 * @param queriesVideoFast {@code num_queries_vis_abstractor_video_fast} (9); a perfect square
 * @param firstLastFramesSlow {@code first_last_frames_slow} (false), §6.2
 * @param imageMean per-channel mean (0.5 ×3), each in [0, 1]
 * @param imageStd per-channel std (0.5 ×3), each positive
 * @param rescaleFactor {@code rescale_factor} (1/255)
 * @param resample resampling filter of every resize in §5.3 (BICUBIC)
 * @param imageTokenId placeholder id of image features (100271, INFERRED)
 * @param videoTokenId placeholder id of video features (100270, INFERRED)
 * @param maxFramesPerCanvas frames (grids) per video canvas, 3×3 = 9 (§6.2)
 * @param maxCanvasesPerVideo canvases kept per video (12, INFERRED from 108 frames, §6.4)
 * @param assumptions one line per value taken from a built-in default where the spec marks it
 *     UNCONFIRMED or INFERRED, or where the model folder lacked the key; meant for the UI (§2)
 */
public record HcxVisionSettings(
        int gridSize, int patchSize, boolean anyres, int maxNumGrids, boolean use1x1Grid,
        List<Resolution> possibleResolutions, boolean unpad,
        int queriesImage, int queriesVideoSlow, int queriesVideoFast, boolean firstLastFramesSlow,
        List<Double> imageMean, List<Double> imageStd, double rescaleFactor, ResampleFilter resample,
        int imageTokenId, int videoTokenId, int maxFramesPerCanvas, int maxCanvasesPerVideo,
        List<String> assumptions) {

    /** A candidate canvas shape in pixels, [height, width] as in the Python lists (§5.2). */
    public record Resolution(int height, int width) {
        /** Grid rows of this shape for a grid side of {@code gridSize}. */
        public int rows(int gridSize) {
            return height / gridSize;
        }

        /** Grid columns of this shape for a grid side of {@code gridSize}. */
        public int cols(int gridSize) {
            return width / gridSize;
        }

        @Override
        public String toString() {
            return "[" + height + ", " + width + "]";
        }
    }

    /** Validates and copies; see the class comment. */
    public HcxVisionSettings {
        Objects.requireNonNull(resample, "resample");
        if (patchSize < 1 || gridSize < 1) {
            throw new IllegalArgumentException("crop size " + gridSize + " and patch size " + patchSize
                    + " must be positive");
        }
        if (gridSize % patchSize != 0) {
            throw new IllegalArgumentException("crop size " + gridSize + " is not a multiple of the patch size "
                    + patchSize);
        }
        if (maxNumGrids < 1) {
            throw new IllegalArgumentException("max_num_grids " + maxNumGrids + " must be at least 1");
        }
        requireSquare("num_queries_vis_abstractor_image", queriesImage);
        requireSquare("num_queries_vis_abstractor_video_slow", queriesVideoSlow);
        requireSquare("num_queries_vis_abstractor_video_fast", queriesVideoFast);
        possibleResolutions = possibleResolutions == null || possibleResolutions.isEmpty()
                ? rebuildResolutions(maxNumGrids, use1x1Grid, gridSize)
                : List.copyOf(possibleResolutions);
        for (Resolution r : possibleResolutions) {
            if (r.height() < gridSize || r.width() < gridSize
                    || r.height() % gridSize != 0 || r.width() % gridSize != 0) {
                throw new IllegalArgumentException("possible resolution " + r
                        + " (height, width) is not a positive multiple of the grid size " + gridSize);
            }
            long grids = (long) r.rows(gridSize) * r.cols(gridSize);
            if (grids > maxNumGrids) {
                throw new IllegalArgumentException("possible resolution " + r + " needs " + grids
                        + " grids, more than max_num_grids " + maxNumGrids);
            }
        }
        imageMean = checkChannels("image_mean", imageMean);
        imageStd = checkChannels("image_std", imageStd);
        for (double m : imageMean) {
            if (!(m >= 0 && m <= 1)) {
                throw new IllegalArgumentException("image_mean " + imageMean + " must lie in [0, 1]");
            }
        }
        for (double s : imageStd) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("image_std " + imageStd + " must be positive");
            }
        }
        if (!(rescaleFactor > 0) || Double.isInfinite(rescaleFactor)) {
            throw new IllegalArgumentException("rescale_factor " + rescaleFactor + " must be positive");
        }
        if (maxFramesPerCanvas < 1 || maxCanvasesPerVideo < 1) {
            throw new IllegalArgumentException("frames per canvas " + maxFramesPerCanvas
                    + " and canvases per video " + maxCanvasesPerVideo + " must be positive");
        }
        assumptions = List.copyOf(assumptions == null ? List.of() : assumptions);
    }

    /**
     * The documented profile (PPCFG values of §5.1, §1.2 fallbacks). Its {@link #assumptions()}
     * name every default the spec marks UNCONFIRMED or INFERRED.
     */
    public static HcxVisionSettings defaults() {
        return new HcxVisionSettings(378, 14, true, 9, true, null, false, 81, 81, 9, false,
                List.of(0.5, 0.5, 0.5), List.of(0.5, 0.5, 0.5), 1.0 / 255, ResampleFilter.BICUBIC,
                100271, 100270, 9, 12, HcxSettingsLoader.defaultAssumptions());
    }

    /**
     * Reads {@code config.json} and {@code preprocessor_config.json} from a model folder, accepting
     * both key spellings of §1.2. Absent files or keys fall back to {@link #defaults()} and add an
     * assumption line.
     *
     * @throws IOException if a file exists but cannot be read or is not JSON
     * @throws IllegalArgumentException if values are inconsistent (message names key and value)
     */
    public static HcxVisionSettings fromModelFolder(Path folder) throws IOException {
        return HcxSettingsLoader.load(folder);
    }

    /**
     * The §5.2 list: every (rows i, cols j) with i·j ≤ maxNumGrids, i outer and j inner from 1,
     * 1×1 only when {@code use1x1Grid}, as [i·grid, j·grid]. The order decides ties in
     * {@link AnyRes#selectBestResolution}.
     */
    public static List<Resolution> rebuildResolutions(int maxNumGrids, boolean use1x1Grid, int gridSize) {
        List<Resolution> out = new ArrayList<>();
        for (int i = 1; i <= maxNumGrids; i++) {
            for (int j = 1; j <= maxNumGrids; j++) {
                if (i * j <= maxNumGrids && (use1x1Grid || i * j > 1)) {
                    out.add(new Resolution(i * gridSize, j * gridSize));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Fill of every padding (§5.3 steps 1 and 4): {@code int(mean·255)} per channel, (127,127,127). */
    /**
     * These settings with the grid limit lowered to {@code maxGrids} (the budget solver's knob): only
     * the possible resolutions of at most that many grids remain. A limit at or above the current
     * one changes nothing.
     */
    public HcxVisionSettings withGridLimit(int maxGrids) {
        if (maxGrids < 1) {
            throw new IllegalArgumentException("grid limit must be at least 1, got " + maxGrids);
        }
        if (maxGrids >= maxNumGrids) {
            return this;
        }
        List<Resolution> kept = possibleResolutions.stream()
                .filter(r -> r.rows(gridSize) * r.cols(gridSize) <= maxGrids).toList();
        if (kept.isEmpty()) {
            kept = List.of(new Resolution(gridSize, gridSize));
        }
        return new HcxVisionSettings(gridSize, patchSize, anyres, maxGrids, use1x1Grid, kept, unpad,
                queriesImage, queriesVideoSlow, queriesVideoFast, firstLastFramesSlow, imageMean, imageStd,
                rescaleFactor, resample, imageTokenId, videoTokenId, maxFramesPerCanvas, maxCanvasesPerVideo, assumptions);
    }

    public int[] padFill() {
        int[] fill = new int[3];
        for (int c = 0; c < 3; c++) {
            fill[c] = (int) (imageMean.get(c) * 255); // Python int(): truncation
        }
        return fill;
    }

    /** Side of the pooled query map of one image grid, √queriesImage (9). */
    public int querySideImage() {
        return (int) Math.round(Math.sqrt(queriesImage));
    }

    /** Frames kept per video: {@code maxCanvasesPerVideo · maxFramesPerCanvas} (108). */
    public int maxFramesPerVideo() {
        return maxCanvasesPerVideo * maxFramesPerCanvas;
    }

    private static void requireSquare(String key, int q) {
        int side = (int) Math.round(Math.sqrt(Math.max(q, 0)));
        if (q < 1 || side * side != q) {
            throw new IllegalArgumentException(key + " " + q + " is not a positive perfect square");
        }
    }

    private static List<Double> checkChannels(String key, List<Double> values) {
        if (values == null || values.size() != 3 || values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(key + " " + values + " must have exactly 3 values (R, G, B)");
        }
        return List.copyOf(values);
    }
}
