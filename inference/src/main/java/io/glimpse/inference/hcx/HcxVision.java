package io.glimpse.inference.hcx;

import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.media.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HCX processor behind the ledger, the budget solver and "what the model sees": exact visual
 * counts, tiles and canvases. Immutable, thread-safe.
 */
public final class HcxVision implements VisionProcessor {
    private final HcxVisionSettings settings;

    public HcxVision(HcxVisionSettings settings) {
        this.settings = settings;
    }

    public HcxVisionSettings settings() {
        return settings;
    }

    @Override
    public ImageCost image(int width, int height, int maxGrids) {
        HcxVisionSettings limited = settings.withGridLimit(maxGrids);
        AnyRes.ImageTokens t = AnyRes.imageTokens(width, height, limited);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grid", t.rows() + "x" + t.cols());
        detail.put("global", t.globalTokens());
        detail.put("local", t.localTokens() - t.newlineTokens());
        detail.put("newlines", t.newlineTokens());
        int canvasW = t.cols() * settings.gridSize();
        int canvasH = t.rows() * settings.gridSize();
        AnyRes.Size resized = AnyRes.localResizeSize(width, height,
                new HcxVisionSettings.Resolution(canvasH, canvasW));
        detail.put("resized", resized.width() + "x" + resized.height());
        String warning = resized.width() < width || resized.height() < height
                ? String.format("downscaled from %dx%d to %dx%d (%s grids of %d px)", width, height,
                        resized.width(), resized.height(), t.rows() + "x" + t.cols(), settings.gridSize())
                : null;
        return new ImageCost(t.total(), detail, warning);
    }

    @Override
    public VideoCost video(int frames) {
        HcxVideoProcessor.VideoTokens t = HcxVideoProcessor.videoTokens(frames, settings);
        return new VideoCost(t.perCanvas(), t.framesUsed(), t.framesDropped());
    }

    @Override
    public List<String> assumptions() {
        return settings.assumptions();
    }

    @Override
    public List<RgbImage> imageTiles(RgbImage image, int maxGrids) {
        return HcxImageProcessor.tiles(image, settings.withGridLimit(maxGrids));
    }

    @Override
    public RgbImage prepareFrame(RgbImage frame) {
        return HcxVideoProcessor.shrinkFrame(frame, settings);
    }

    @Override
    public List<List<RgbImage>> videoCanvases(List<RgbImage> preparedFrames) {
        return HcxVideoProcessor.canvases(preparedFrames, settings);
    }

    @Override
    public int maxImages() {
        return settings.maxCanvasesPerVideo(); // max_image_cnt bounds images and canvases alike (hcx-spec.md §5.1, §6.4)
    }

    @Override
    public int maxGrids() {
        return settings.maxNumGrids();
    }

    @Override
    public List<String> placeholderTexts() {
        return List.of("<|dummy3|>", "<|_unuse_missing_100270|>", "<image>", "<video>");
    }
}
