package io.glimpse.inference.vision;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.JinjaChatTemplate;
import io.glimpse.inference.generic.ClipImageProcessor;
import io.glimpse.inference.generic.ClipSettings;
import io.glimpse.inference.generic.ClipVisionProcessor;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TemplateLedger;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The processor of a transformers.js image-text-to-text folder (no glimpse.json): one CLIP-style tile
 * per image (preprocessor_config.json), the folder's Jinja chat template with each image as a
 * {@code {"type": "image"}} part before the question, each image token expanded to
 * {@code image_seq_length} copies (as transformers' LlavaProcessor does). Images only. Immutable,
 * thread-safe.
 */
final class GenericFrontEnd implements VisionFrontEnd {
    static final String IMAGES_ONLY = ClipVisionProcessor.IMAGES_ONLY;

    private final ClipSettings settings;
    private final JinjaChatTemplate template;
    private final VisionSpec vision;
    private final ClipVisionProcessor costs;

    private GenericFrontEnd(ClipSettings settings, JinjaChatTemplate template, VisionSpec vision) {
        this.settings = settings;
        this.template = template;
        this.vision = vision;
        this.costs = new ClipVisionProcessor(settings, vision.imageSeqLength(), vision.imageToken());
    }

    /** Reads preprocessor_config.json and the chat template, and checks that the template places the image token. */
    static GenericFrontEnd open(Path folder, VisionSpec v) throws ModelFolderException {
        ClipSettings settings = ClipSettings.fromFolder(folder);
        if (settings.tileWidth() < 0 || settings.tileWidth() != settings.tileHeight()) {
            throw new ModelFolderException(folder, "preprocessor_config.json must give square tiles of one size "
                    + "(do_center_crop with a square crop_size, or a square size), got " + (settings.tileWidth() < 0
                    ? "a size that depends on the image" : settings.tileWidth() + "x" + settings.tileHeight()));
        }
        JinjaChatTemplate template = JinjaChatTemplate.fromTokenizerConfig(folder).orElseThrow(() -> new ModelFolderException(
                folder, "tokenizer_config.json has no chat_template: an image-text-to-text folder needs it to place the image token"));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("role", "user");
        user.put("content", List.of(Map.of("type", "image"), Map.of("type", "text", "text", "?")));
        String rendered;
        try {
            rendered = template.renderMessages(List.of(user), true);
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(folder, "the chat template fails on a user turn with one image: " + e.getMessage(), e);
        }
        if (!rendered.contains(v.imageToken())) {
            throw new ModelFolderException(folder, "the chat template of tokenizer_config.json renders no " + v.imageToken()
                    + " (config.json's image token) for an image part {\"type\": \"image\"}");
        }
        return new GenericFrontEnd(settings, template, v);
    }

    @Override
    public int checkRequest(AskRequest request) {
        if (!request.videos().isEmpty()) {
            throw new IllegalArgumentException(IMAGES_ONLY);
        }
        if (request.maxGrids() > 1) {
            throw new IllegalArgumentException("this model takes one tile per image: max grids must be 1, got " + request.maxGrids());
        }
        return 1;
    }

    @Override
    public RgbImage prepareFrame(RgbImage frame) {
        throw new IllegalArgumentException(IMAGES_ONLY); // checkRequest refuses videos first
    }

    @Override
    public TokenLedger ledger(LedgerRequest request, TextCounter text) {
        try {
            return TemplateLedger.compute(request, template, costs, text, vision.imageToken(), null);
        } catch (TemplateLedger.NoMediaPlaceholders e) {
            throw new IllegalArgumentException("the model's chat template cannot take " + request.images().size()
                    + " image(s): " + e.getMessage(), e);
        }
    }

    @Override
    public String render(LedgerRequest request) {
        return TemplateLedger.render(request, template, costs, vision.imageToken(), null);
    }

    @Override
    public List<VisualStage.Item> preprocess(MediaStage.Decoded media, int grids, CancelToken cancel, DoubleConsumer progress) {
        List<VisualStage.Item> out = new ArrayList<>();
        int n = media.images().size();
        for (MediaStage.Image image : media.images()) {
            cancel.throwIfCancelled();
            RgbImage tile = costs.imageTiles(image.image(), 1).get(0);
            out.add(new VisualStage.Item(ClipImageProcessor.pixelValues(tile, settings), 1,
                    new int[] {vision.imageSeqLength()}, null, true));
            progress.accept((double) out.size() / n);
        }
        return out;
    }

    /** The processor that prices and tiles images (what plan and the window show). */
    ClipVisionProcessor processor() {
        return costs;
    }

    @Override
    public int tileSide() {
        return settings.tileWidth();
    }

    @Override
    public float[] newline() {
        return null;
    }

    @Override
    public List<String> stopStrings() {
        return template.stopStrings();
    }
}
