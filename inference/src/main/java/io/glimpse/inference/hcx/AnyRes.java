package io.glimpse.inference.hcx;

import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import java.util.List;
import java.util.Objects;

/**
 * AnyRes geometry and image token counts of the 3B (spec §5.3, §5.4): pure integer/double
 * arithmetic, no pixels. Stateless and thread-safe.
 *
 * <p>Every formula keeps Python's semantics: {@code /} on ints is a double division, {@code int()}
 * truncates, {@code //} floors (all operands here are non-negative, so Java's {@code /} matches).
 */
public final class AnyRes {
    private AnyRes() {
    }

    /** A size in pixels, width first. */
    public record Size(int width, int height) {
    }

    /**
     * Tokens of one image (§5.4): {@code globalTokens} (the thumbnail, placed first) +
     * {@code localTokens}, of which {@code newlineTokens} are {@code image_newline} vectors (unpad only).
     *
     * @param rows grid rows of the best resolution
     * @param cols grid columns of the best resolution
     * @param globalTokens queries of the global thumbnail (81)
     * @param localTokens local feature tokens including the newlines
     * @param newlineTokens one per stitched row with unpad, else 0
     * @param total {@code globalTokens + localTokens}
     */
    public record ImageTokens(int rows, int cols, int globalTokens, int localTokens, int newlineTokens, int total) {
    }

    /**
     * The LLaVA-Next rule (§5.3 step 2): per [Hc, Wc], scale = min(Wc/W, Hc/H), effective =
     * min(int(W·scale)·int(H·scale), W·H), waste = Hc·Wc − effective; keep the larger effective
     * resolution, or equal effective and smaller waste. Strict comparisons: the first candidate wins ties.
     *
     * @throws IllegalArgumentException if a size is not positive or the list is empty
     */
    public static Resolution selectBestResolution(int height, int width, List<Resolution> resolutions) {
        requireSize(width, height);
        Objects.requireNonNull(resolutions, "resolutions");
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException("no possible resolutions to choose from for " + width + "x" + height);
        }
        Resolution best = null;
        long maxEffective = 0;
        long minWaste = Long.MAX_VALUE;
        for (Resolution r : resolutions) {
            double scale = Math.min((double) r.width() / width, (double) r.height() / height);
            long downW = (long) (width * scale); // int(): truncation (values are positive)
            long downH = (long) (height * scale);
            long effective = Math.min(downW * downH, (long) width * height);
            long waste = (long) r.width() * r.height() - effective;
            if (effective > maxEffective || (effective == maxEffective && waste < minWaste)) {
                maxEffective = effective;
                minWaste = waste;
                best = r;
            }
        }
        return best;
    }

    /**
     * Size the image is resized to before padding to the target (§5.3 step 3): the axis with the
     * smaller scale takes the target side, the other is {@code min(ceil(side·scale), target)}.
     */
    public static Size localResizeSize(int width, int height, Resolution target) {
        requireSize(width, height);
        double scaleW = (double) target.width() / width;
        double scaleH = (double) target.height() / height;
        if (scaleW < scaleH) {
            return new Size(target.width(), (int) Math.min(Math.ceil(height * scaleW), target.height()));
        }
        return new Size((int) Math.min(Math.ceil(width * scaleH), target.width()), target.height());
    }

    /** Top-left offset of a {@code content} image pasted centred in {@code canvas} (§5.3 steps 1, 4): floor halves. */
    public static Size paddingOffset(Size content, Size canvas) {
        return new Size((canvas.width() - content.width()) / 2, (canvas.height() - content.height()) / 2);
    }

    /**
     * {@code resize_longside} (§5.3 step 1): the long side becomes {@code longSide}, the short one
     * {@code ceil(short/long·longSide)}; a square becomes {@code longSide × longSide}.
     */
    public static Size thumbnailSize(int width, int height, int longSide) {
        requireSize(width, height);
        if (width == height) {
            return new Size(longSide, longSide);
        }
        if (width > height) {
            return new Size(longSide, (int) Math.ceil((double) height / width * longSide));
        }
        return new Size((int) Math.ceil((double) width / height * longSide), longSide);
    }

    /**
     * Tokens of one {@code width × height} image (§5.4), unpad on or off per {@code settings.unpad()}.
     *
     * @throws IllegalArgumentException if a size is not positive or anyres is off (not specified)
     */
    public static ImageTokens imageTokens(int width, int height, HcxVisionSettings settings) {
        requireSize(width, height);
        requireAnyres(settings);
        Resolution best = selectBestResolution(height, width, settings.possibleResolutions());
        int rows = best.rows(settings.gridSize());
        int cols = best.cols(settings.gridSize());
        int side = settings.querySideImage();
        int nph = rows * side;
        int npw = cols * side;
        int global = side * side;
        if (!settings.unpad()) {
            return new ImageTokens(rows, cols, global, npw * nph, 0, global + npw * nph);
        }
        // Crop the symmetric padding of the stitched (rows·9)×(cols·9) map, as unpad_image does.
        if ((double) width / height > (double) npw / nph) {
            int nh = (int) (height * (double) npw / width);
            int pad = (nph - nh) / 2;
            nph -= 2 * pad;
        } else {
            int nw = (int) (width * (double) nph / height);
            int pad = (npw - nw) / 2;
            npw -= 2 * pad;
        }
        int local = npw * nph + nph; // one image_newline after every row
        return new ImageTokens(rows, cols, global, local, nph, global + local);
    }

    static void requireAnyres(HcxVisionSettings settings) {
        if (!settings.anyres()) {
            throw new IllegalArgumentException("anyres=false is not supported: spec §5.3 describes only the anyres path");
        }
    }

    static void requireSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }
}
