package io.glimpse.inference.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a request into a token budget: chooses the number of frames of every video and the grid
 * limit of the images, maximising frames first (time coverage), then resolution, and explains the
 * trade-off. Stateless and thread-safe.
 *
 * <p>Frames are chosen as one count F applied to every video (a video shorter than F keeps all
 * its frames), the grid limit as one value G for every image; both searches are monotone (more
 * frames or grids never cost fewer tokens), so each is a binary or linear search over ledgers.
 */
public final class BudgetSolver {
    /** What the budget covers. */
    public enum Scope { VISUAL, PROMPT }

    /** One way to spend the budget: frames per video, the image grid limit, and its ledger. */
    public record Option(List<Integer> framesPerVideo, int maxGrids, int tokens, TokenLedger ledger) {
    }

    /**
     * @param chosen       the best option within the budget
     * @param below        the next cheaper option (null when the chosen one is the minimum)
     * @param above        the next dearer option, over the budget (null when everything asked for fits)
     * @param explanation  the trade-off in words, one line per video and image group
     */
    public record Plan(Option chosen, Option below, Option above, List<String> explanation) {
    }

    private BudgetSolver() {
    }

    /**
     * @param request  the request with every video at its most frames and the images at their most grids
     * @throws IllegalArgumentException when even one frame per video and one grid per image exceed the
     *                                  budget (the message gives the minimum)
     */
    public static Plan solve(LedgerRequest request, int budget, Scope scope, VisualCosts visual, TextCounter text,
                             HcxPromptLayout layout) {
        return solve(request, budget, scope, visual, r -> HcxLedger.compute(r, visual, text, layout));
    }

    /** As above, with any way of computing a ledger (the built-in layout or a folder's own template). */
    public static Plan solve(LedgerRequest request, int budget, Scope scope, VisualCosts visual,
                             java.util.function.Function<LedgerRequest, TokenLedger> ledgerOf) {
        int maxFrames = request.videos().stream().mapToInt(LedgerRequest.Video::frames).max().orElse(0);
        int maxGrids = request.maxGrids();
        Option minimum = option(request, 1, 1, scope, ledgerOf);
        if (minimum.tokens() > budget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a budget of %d tokens is too small: even one frame per video and one grid per image need %d (%s)",
                    budget, minimum.tokens(), scope == Scope.VISUAL ? "visual tokens" : "prompt tokens"));
        }
        // 1. most frames that fit with the images at their smallest
        int lo = 1;
        int hi = Math.max(1, maxFrames);
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (option(request, mid, 1, scope, ledgerOf).tokens() <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int frames = lo;
        // 2. then the largest grid limit that still fits
        int grids = 1;
        for (int g = maxGrids; g >= 1; g--) {
            if (option(request, frames, g, scope, ledgerOf).tokens() <= budget) {
                grids = g;
                break;
            }
        }
        Option chosen = option(request, frames, grids, scope, ledgerOf);
        Option above = null;
        if (grids < maxGrids) {
            above = option(request, frames, grids + 1, scope, ledgerOf);
        } else if (frames < maxFrames) {
            above = option(request, frames + 1, grids, scope, ledgerOf);
        }
        Option below = null;
        if (grids > 1) {
            below = option(request, frames, grids - 1, scope, ledgerOf);
        } else if (frames > 1) {
            below = option(request, frames - 1, grids, scope, ledgerOf);
        }
        Option full = option(request, maxFrames, maxGrids, scope, ledgerOf);
        return new Plan(chosen, below, above, explain(request, chosen, full, visual));
    }

    private static Option option(LedgerRequest base, int frames, int grids, Scope scope,
                                 java.util.function.Function<LedgerRequest, TokenLedger> ledgerOf) {
        List<LedgerRequest.Video> videos = new ArrayList<>();
        List<Integer> perVideo = new ArrayList<>();
        for (LedgerRequest.Video v : base.videos()) {
            int f = Math.min(v.frames(), frames);
            perVideo.add(f);
            videos.add(new LedgerRequest.Video(v.name(), f, v.durationSeconds()));
        }
        LedgerRequest r = new LedgerRequest(base.system(), base.history(), base.images(), videos, base.prompt(),
                base.outputReserve(), base.contextLength(), grids);
        TokenLedger ledger = ledgerOf.apply(r);
        int tokens = scope == Scope.VISUAL ? ledger.visualTokens() : ledger.promptTokens();
        return new Option(perVideo, grids, tokens, ledger);
    }

    private static List<String> explain(LedgerRequest request, Option chosen, Option full, VisualCosts visual) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < request.videos().size(); i++) {
            LedgerRequest.Video v = request.videos().get(i);
            int f = chosen.framesPerVideo().get(i);
            int tokens = visual.video(f).tokens();
            int fullTokens = visual.video(v.frames()).tokens();
            if (f == v.frames()) {
                lines.add(String.format(Locale.ROOT, "%s: all %d frames kept (%d tokens)", v.name(), f, tokens));
            } else {
                lines.add(String.format(Locale.ROOT, "%s: %d frames instead of %d, %d tokens instead of %d: %.1f s apart instead of %.1f s",
                        v.name(), f, v.frames(), tokens, fullTokens, v.durationSeconds() / f, v.durationSeconds() / v.frames()));
            }
        }
        if (!request.images().isEmpty()) {
            int imageTokens = 0;
            int fullImageTokens = 0;
            for (LedgerRequest.Image img : request.images()) {
                imageTokens += visual.image(img.width(), img.height(), chosen.maxGrids()).tokens();
                fullImageTokens += visual.image(img.width(), img.height(), request.maxGrids()).tokens();
            }
            lines.add(chosen.maxGrids() == request.maxGrids()
                    ? String.format(Locale.ROOT, "%d image(s) at full resolution, up to %d grids (%d tokens)",
                            request.images().size(), chosen.maxGrids(), imageTokens)
                    : String.format(Locale.ROOT, "%d image(s) at up to %d grids instead of %d: %d tokens instead of %d",
                            request.images().size(), chosen.maxGrids(), request.maxGrids(), imageTokens, fullImageTokens));
        }
        lines.add(String.format(Locale.ROOT, "total %d tokens (everything at full size: %d)", chosen.tokens(), full.tokens()));
        return lines;
    }
}
