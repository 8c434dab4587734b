package io.glimpse.inference.vision;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.hcx.HcxVideoProcessor;
import io.glimpse.inference.hcx.HcxVision;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.ledger.HcxLedger;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The HCX processor behind an ask (glimpse.json folders): AnyRes tiles and video canvases, the
 * built-in HCX prompt layout, the newline vector when unpad is on. Immutable, thread-safe.
 */
final class HcxFrontEnd implements VisionFrontEnd {
    private final HcxVision processor;
    private final float[] newline;

    private HcxFrontEnd(HcxVision processor, float[] newline) {
        this.processor = processor;
        this.newline = newline;
    }

    /** Reads the HCX settings (config.json, preprocessor_config.json) and the newline vector when needed. */
    static HcxFrontEnd open(Path folder, VisionSpec v) throws ModelFolderException {
        HcxVisionSettings settings;
        try {
            settings = HcxVisionSettings.fromModelFolder(folder);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFolderException(folder, "inconsistent processor settings: " + e.getMessage(), e);
        }
        return new HcxFrontEnd(new HcxVision(settings), newline(folder, v, settings));
    }

    /** The newline vector, required when hcx-anyres stitching unpads (one newline row per map row). */
    private static float[] newline(Path folder, VisionSpec v, HcxVisionSettings settings) throws ModelFolderException {
        boolean needed = v.stitching() == VisionSpec.Stitching.HCX_ANYRES && settings.unpad();
        if (v.imageNewline() == null) {
            if (needed) {
                throw new ModelFolderException(folder, "config.json turns unpad on, so hcx-anyres stitching ends every row with "
                        + "the newline vector, but glimpse.json names no vision.image_newline");
            }
            return null;
        }
        float[] values;
        try {
            values = Npy.readVector(folder.resolve(v.imageNewline()));
        } catch (IOException e) {
            throw new ModelFolderException(folder, "cannot use " + v.imageNewline() + ": " + e.getMessage(), e);
        }
        ModelChecks.width(folder, v.imageNewline() + " has", values.length, v);
        return values;
    }

    HcxVision processor() {
        return processor;
    }

    @Override
    public int checkRequest(AskRequest request) {
        int grids = request.maxGrids() == 0 ? processor.settings().maxNumGrids() : request.maxGrids();
        if (grids < 1 || grids > processor.maxGrids()) {
            throw new IllegalArgumentException("max grids must be between 1 and " + processor.maxGrids() + ", got " + grids);
        }
        if (request.images().size() > processor.maxImages()) {
            throw new IllegalArgumentException(request.images().size() + " images, but the model accepts at most "
                    + processor.maxImages());
        }
        return grids;
    }

    @Override
    public RgbImage prepareFrame(RgbImage frame) {
        return HcxVideoProcessor.shrinkFrame(frame, processor.settings());
    }

    @Override
    public TokenLedger ledger(LedgerRequest request, TextCounter text) {
        return HcxLedger.compute(request, processor, text, HcxPromptLayout.builtIn());
    }

    @Override
    public String render(LedgerRequest request) {
        return HcxLedger.render(request, processor, HcxPromptLayout.builtIn());
    }

    @Override
    public List<VisualStage.Item> preprocess(MediaStage.Decoded media, int grids, CancelToken cancel, DoubleConsumer progress) {
        return VisualStage.preprocess(media, processor.settings().withGridLimit(grids), cancel, progress);
    }

    @Override
    public int tileSide() {
        return processor.settings().gridSize();
    }

    @Override
    public float[] newline() {
        return newline;
    }

    @Override
    public List<String> stopStrings() {
        return List.of(); // the built-in layout's turn end is among glimpse.json's stops
    }
}
