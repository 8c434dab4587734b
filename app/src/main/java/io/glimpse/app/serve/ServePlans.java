package io.glimpse.app.serve;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.plugins.ModelFamilies;
import io.glimpse.plugins.ModelFamily;
import java.nio.file.Path;

/** The plan context of a served folder, for {@code /v1/plan}. */
public final class ServePlans {
    /** A glimpse.json folder with a vision block that no family claims is planned as the HCX profile it was built for. */
    static final String VISION_FOLDER_PROFILE = "hcx-seed-vision-3b";

    private ServePlans() {
    }

    /** Open only after {@code VisionLanguageModel.open} accepted the folder: it then declares vision. */
    public static PlanContext open(Path folder) throws ModelFolderException {
        ModelFamily family = ModelFamilies.detect(folder).orElseGet(() -> ModelFamilies.byId(VISION_FOLDER_PROFILE).orElseThrow());
        try {
            return PlanContext.open(family, folder);
        } catch (PlanContext.NoVisionException e) {
            throw new ModelFolderException(folder, e.getMessage());
        }
    }
}
