package io.glimpse.inference.hcx;

import io.glimpse.inference.ledger.VisualCosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HCX processor's exact visual counts, for the ledger and the budget solver. Immutable, thread-safe. */
public final class HcxVisualCosts implements VisualCosts {
    private final HcxVisionSettings settings;

    public HcxVisualCosts(HcxVisionSettings settings) {
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
}
