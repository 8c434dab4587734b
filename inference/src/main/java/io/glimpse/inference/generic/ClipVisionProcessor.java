package io.glimpse.inference.generic;

import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.media.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vision processor of a transformers.js image-text-to-text folder: one CLIP-style tile per image
 * ({@link ClipImageProcessor}), which costs {@code image_seq_length} tokens whatever the image's size
 * (no grids), and no video. What {@code glimpse ask} prices and encodes, so that {@code glimpse plan}
 * and the window show the same. Immutable and thread-safe.
 */
public final class ClipVisionProcessor implements VisionProcessor {
    /** Why a video is refused. */
    public static final String IMAGES_ONLY = "this model takes images only: a transformers.js image-text-to-text folder "
            + "has no video placeholder";

    private final ClipSettings settings;
    private final int imageSeqLength;
    private final String imageToken;

    /**
     * @param settings       preprocessor_config.json's settings
     * @param imageSeqLength tokens per image (config.json image_seq_length)
     * @param imageToken     the image placeholder's text (e.g. {@code <image>})
     */
    public ClipVisionProcessor(ClipSettings settings, int imageSeqLength, String imageToken) {
        if (imageSeqLength <= 0) {
            throw new IllegalArgumentException("image_seq_length must be positive, got " + imageSeqLength);
        }
        this.settings = settings;
        this.imageSeqLength = imageSeqLength;
        this.imageToken = imageToken;
    }

    public ClipSettings settings() {
        return settings;
    }

    public int imageSeqLength() {
        return imageSeqLength;
    }

    public String imageToken() {
        return imageToken;
    }

    /** The one resized and centre-cropped tile; {@code maxGrids} does not apply (one tile per image). */
    @Override
    public List<RgbImage> imageTiles(RgbImage image, int maxGrids) {
        return List.of(ClipImageProcessor.tile(image, settings));
    }

    @Override
    public RgbImage prepareFrame(RgbImage frame) {
        throw new IllegalArgumentException(IMAGES_ONLY);
    }

    /** No frames, no canvases; any frame is refused. */
    @Override
    public List<List<RgbImage>> videoCanvases(List<RgbImage> preparedFrames) {
        if (!preparedFrames.isEmpty()) {
            throw new IllegalArgumentException(IMAGES_ONLY);
        }
        return List.of();
    }

    /** No limit of its own: the context length bounds the images. */
    @Override
    public int maxImages() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int maxGrids() {
        return 1;
    }

    @Override
    public List<String> placeholderTexts() {
        return List.of(imageToken);
    }

    /** {@code image_seq_length} per image whatever its size. */
    @Override
    public ImageCost image(int width, int height, int maxGrids) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tile", settings.tileWidth() + "x" + settings.tileHeight());
        detail.put("rows", imageSeqLength);
        return new ImageCost(imageSeqLength, detail, null);
    }

    @Override
    public VideoCost video(int frames) {
        throw new IllegalArgumentException(IMAGES_ONLY);
    }

    @Override
    public List<String> assumptions() {
        return settings.assumptions();
    }
}
