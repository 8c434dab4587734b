package io.glimpse.app.experiment;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.ledger.BudgetSolver;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageInfo;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.VideoProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A visual-token budget applied to a request by the same solver and ledger as {@code glimpse plan
 * --budget}: the request's frames and grid limit are the most the solver may choose, so a point's
 * visual tokens are the plan's for the same media and options.
 *
 * @param budget          the budget in visual tokens
 * @param framesPerVideo  the frames chosen for each video
 * @param maxGrids        the grid limit chosen for the images
 * @param plannedVisual   the visual tokens the ledger counts for that choice
 * @param request         the request with that choice applied
 */
public record BudgetPoint(int budget, List<Integer> framesPerVideo, int maxGrids, int plannedVisual, AskRequest request) {
    public BudgetPoint {
        framesPerVideo = List.copyOf(framesPerVideo);
    }

    /**
     * @throws IllegalArgumentException when the budget is too small for one frame and one grid, or the
     *                                  folder is no vision model Glimpse recognises
     */
    public static BudgetPoint solve(Path modelFolder, AskRequest base, int budget) throws ModelFolderException, MediaException {
        try (PlanContext ctx = Plans.open(modelFolder)) {
            return solve(ctx, base, budget);
        }
    }

    /** As above with an open plan context (one per model folder for a whole sweep). */
    public static BudgetPoint solve(PlanContext ctx, AskRequest base, int budget) throws MediaException {
        VisionProcessor vision = ctx.vision();
        int grids = base.maxGrids() == 0 ? vision.maxGrids() : Math.min(base.maxGrids(), vision.maxGrids());
        List<LedgerRequest.Image> images = new ArrayList<>();
        for (AskRequest.Image i : base.images()) {
            ImageInfo info = ImageLoader.defaults().probeLoadable(i.file());
            images.add(new LedgerRequest.Image(i.file().getFileName().toString(), info.uprightWidth(), info.uprightHeight(), i.ocr()));
        }
        List<LedgerRequest.Video> videos = new ArrayList<>();
        for (int v = 0; v < base.videos().size(); v++) {
            Path file = base.videos().get(v);
            SamplingPlan plan;
            try {
                plan = SamplingPlan.of(VideoProbe.probe(file), base.framesOf(v));
            } catch (IllegalArgumentException e) {
                throw new MediaException(file, e.getMessage());
            }
            videos.add(new LedgerRequest.Video(file.getFileName().toString(), plan.indices().size(),
                    plan.endSeconds() - plan.startSeconds()));
        }
        LedgerRequest most = new LedgerRequest(base.system(), base.history(), images, videos, base.question(),
                base.generation().maxNewTokens(), ctx.contextLength(), grids);
        BudgetSolver.Plan solved = BudgetSolver.solve(most, budget, BudgetSolver.Scope.VISUAL, vision, ctx.ledgerFunction());
        BudgetSolver.Option chosen = solved.chosen();
        List<SamplingRequest> perVideo = new ArrayList<>();
        for (int v = 0; v < base.videos().size(); v++) {
            SamplingRequest r = base.framesOf(v);
            // an even spread of the chosen count over the same range: what plan --count F shows
            perVideo.add(new SamplingRequest(new FrameSelection.Count(chosen.framesPerVideo().get(v)), r.startSeconds(), r.endSeconds(),
                    r.dedupeThreshold()));
        }
        AskRequest request = new AskRequest(base.question(), base.system(), base.images(), base.videos(), base.frames(),
                Integer.MAX_VALUE, chosen.maxGrids(), base.generation(), base.history(), perVideo.isEmpty() ? List.of() : perVideo);
        return new BudgetPoint(budget, chosen.framesPerVideo(), chosen.maxGrids(), chosen.ledger().visualTokens(), request);
    }
}
