package io.glimpse.app.experiment;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.ui.engine.VisionModelEngine;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;

/** The plan context a budget is solved with, chosen for a model folder as the window chooses it. */
final class Plans {
    /** The family a glimpse.json vision folder is processed as (HCX processing, its own files). */
    static final String VISION_FOLDER_PROFILE = "hcx-seed-vision-3b";

    private Plans() {
    }

    /**
     * The folder's family, or for a glimpse.json folder that declares vision the HCX profile with
     * the folder's own files (what {@code glimpse plan --profile hcx-seed-vision-3b --model DIR} uses).
     *
     * @throws IllegalArgumentException for a folder that is no vision model Glimpse recognises
     */
    static PlanContext open(Path folder) throws ModelFolderException {
        ModelFamily family = ModelFamilies.detect(folder).orElse(null);
        if (family == null && VisionModelEngine.declaresVision(folder)) {
            family = ModelFamilies.byId(VISION_FOLDER_PROFILE).orElseThrow();
        }
        if (family == null) {
            throw new IllegalArgumentException("no family recognises the model folder " + folder + "; a budget needs its processor");
        }
        PlanContext ctx = PlanContext.open(family, folder);
        if (ctx.textOnly()) {
            ctx.close();
            throw new IllegalArgumentException("a budget chooses frames and image grids; " + family.id() + " takes no images or videos");
        }
        return ctx;
    }
}
