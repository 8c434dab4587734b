package io.glimpse.inference.hcx;

import io.glimpse.inference.hcx.AnyRes.Size;
import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.RgbImage;
import io.glimpse.media.resize.PilResampler;
import io.glimpse.media.resize.ResampleFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Video canvases and their token counts for the 3B (spec §6). Stateless and thread-safe.
 *
 * <p>The canvas geometry is UNCONFIRMED (§2.3): this class implements the INFERRED reading of
 * §6.2, one frame = one grid, up to {@code maxFramesPerCanvas} grids per canvas; the settings'
 * {@link HcxVisionSettings#assumptions()} say so.
 */
public final class HcxVideoProcessor {
    private HcxVideoProcessor() {
    }

    /**
     * Token counts of one video.
     *
     * @param framesUsed frames kept (at most {@link HcxVisionSettings#maxFramesPerVideo()})
     * @param framesDropped frames beyond the per-video cap (INFERRED cap, §6.4)
     * @param perCanvas tokens of each canvas, in order
     * @param total sum of {@code perCanvas}
     */
    public record VideoTokens(int framesUsed, int framesDropped, List<Integer> perCanvas, int total) {
        /** Copies the list. */
        public VideoTokens {
            perCanvas = List.copyOf(perCanvas);
        }
    }

    /**
     * Tokens of a video of {@code frameCount} frames (§6.1, §6.2): canvases = F//9 + (F%9 > 0);
     * each grid (frame) gets {@code queriesVideoFast} tokens, except "slow" grids which get
     * {@code queriesVideoSlow}: the first grid of every canvas, or, with {@code firstLastFramesSlow},
     * only the first and last grid of the whole flattened video (§6.2 refined).
     *
     * @throws IllegalArgumentException if {@code frameCount < 1}
     */
    public static VideoTokens videoTokens(int frameCount, HcxVisionSettings settings) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("a video needs at least one frame, got " + frameCount);
        }
        int used = Math.min(frameCount, settings.maxFramesPerVideo());
        int per = settings.maxFramesPerCanvas();
        int canvases = used / per + (used % per > 0 ? 1 : 0);
        List<Integer> counts = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < canvases; k++) {
            int first = k * per;
            int end = Math.min(used, first + per);
            int tokens = 0;
            for (int i = first; i < end; i++) {
                boolean slow = settings.firstLastFramesSlow() ? (i == 0 || i == used - 1) : i == first;
                tokens += slow ? settings.queriesVideoSlow() : settings.queriesVideoFast();
            }
            counts.add(tokens);
            total += tokens;
        }
        return new VideoTokens(used, frameCount - used, counts, total);
    }

    /**
     * NAVER's frame pre-shrink (§6.3): when the long side exceeds the grid size, scale by
     * {@code grid/long} with {@code int()} truncation of both sides (at least 1) and PIL LANCZOS;
     * otherwise the frame is returned unchanged.
     */
    public static RgbImage shrinkFrame(RgbImage frame, HcxVisionSettings settings) {
        int longSide = Math.max(frame.width(), frame.height());
        int max = settings.gridSize();
        if (longSide <= max) {
            return frame;
        }
        double scale = (double) max / longSide;
        int w = Math.max(1, (int) (frame.width() * scale));
        int h = Math.max(1, (int) (frame.height() * scale));
        return PilResampler.resize(frame, w, h, ResampleFilter.LANCZOS);
    }

    /**
     * The canvases of a video, each a list of up to {@code maxFramesPerCanvas} grids of
     * {@code gridSize²} (INFERRED geometry, see the class comment). Each frame is pre-shrunk
     * ({@link #shrinkFrame}), resized to fit the grid as {@code get_image_grids} does for a 1×1
     * target ({@link AnyRes#localResizeSize}, {@code settings.resample()}) and centred on the pad
     * fill. Frames beyond {@link HcxVisionSettings#maxFramesPerVideo()} are dropped from the end
     * (the sampling rule is UNCONFIRMED, §2.2).
     *
     * @throws IllegalArgumentException if there are no frames
     */
    public static List<List<RgbImage>> canvases(List<RgbImage> frames, HcxVisionSettings settings) {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one frame, got 0");
        }
        int grid = settings.gridSize();
        Resolution one = new Resolution(grid, grid);
        int used = Math.min(frames.size(), settings.maxFramesPerVideo());
        List<List<RgbImage>> out = new ArrayList<>();
        List<RgbImage> canvas = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            RgbImage f = shrinkFrame(Objects.requireNonNull(frames.get(i), "frame " + i), settings);
            Size fit = AnyRes.localResizeSize(f.width(), f.height(), one);
            canvas.add(HcxImageProcessor.padCentred(HcxImageProcessor.resize(f, fit, settings),
                    new Size(grid, grid), settings.padFill()));
            if (canvas.size() == settings.maxFramesPerCanvas() || i == used - 1) {
                out.add(List.copyOf(canvas));
                canvas.clear();
            }
        }
        return List.copyOf(out);
    }
}
