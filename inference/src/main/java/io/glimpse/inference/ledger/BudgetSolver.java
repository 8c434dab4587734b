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

    /**
     * As above, with any way of computing a ledger (the built-in layout or a folder's own template).
     * Frames are searched up to each video's frames in {@code request}, but never past the
     * processor's per-video cap: frames over it are dropped and would cost nothing, so "more" of
     * them would be an option that only looks different.
     */
    public static Plan solve(LedgerRequest request, int budget, Scope scope, VisualCosts visual,
                             java.util.function.Function<LedgerRequest, TokenLedger> ledgerOf) {
        int asked = request.videos().stream().mapToInt(LedgerRequest.Video::frames).max().orElse(0);
        int maxFrames = asked == 0 ? 0 : Math.max(1, Math.min(asked, visual.video(asked).framesUsed()));
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
        // the neighbours are the nearest options that cost something else: a grid limit past what the
        // images use (or any limit with no image) costs the same and is no alternative
        Option above = null;
        for (int g = grids + 1; g <= maxGrids && above == null; g++) {
            above = dearer(option(request, frames, g, scope, ledgerOf), chosen);
        }
        for (int f = frames + 1; f <= maxFrames && above == null; f++) {
            above = dearer(option(request, f, grids, scope, ledgerOf), chosen);
        }
        Option below = null;
        for (int g = grids - 1; g >= 1 && below == null; g--) {
            below = cheaper(option(request, frames, g, scope, ledgerOf), chosen);
        }
        for (int f = frames - 1; f >= 1 && below == null; f--) {
            below = cheaper(option(request, f, grids, scope, ledgerOf), chosen);
        }
        Option full = option(request, maxFrames, maxGrids, scope, ledgerOf);
        return new Plan(chosen, below, above, explain(request, chosen, full, visual, budget, scope));
    }

    private static Option dearer(Option o, Option than) {
        return o.tokens() > than.tokens() ? o : null;
    }

    private static Option cheaper(Option o, Option than) {
        return o.tokens() < than.tokens() ? o : null;
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

    private static List<String> explain(LedgerRequest request, Option chosen, Option full, VisualCosts visual, int budget,
                                        Scope scope) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < request.videos().size(); i++) {
            LedgerRequest.Video v = request.videos().get(i);
            int f = chosen.framesPerVideo().get(i);
            int most = full.framesPerVideo().get(i);
            int tokens = visual.video(f).tokens();
            int fullTokens = visual.video(most).tokens();
            if (f == most) {
                lines.add(String.format(Locale.ROOT, "%s: all %s kept (%d tokens)", v.name(), plural(f, "frame"), tokens));
            } else {
                lines.add(String.format(Locale.ROOT, "%s: %d frames instead of %d, %d tokens instead of %d: %.1f s apart instead of %.1f s",
                        v.name(), f, most, tokens, fullTokens, v.durationSeconds() / f, v.durationSeconds() / most));
            }
        }
        if (!request.images().isEmpty()) {
            int imageTokens = 0;
            int fullImageTokens = 0;
            for (LedgerRequest.Image img : request.images()) {
                imageTokens += visual.image(img.width(), img.height(), chosen.maxGrids()).tokens();
                fullImageTokens += visual.image(img.width(), img.height(), request.maxGrids()).tokens();
            }
            String images = plural(request.images().size(), "image");
            lines.add(chosen.maxGrids() == request.maxGrids()
                    ? String.format(Locale.ROOT, "%s at full resolution, up to %s (%d tokens)",
                            images, plural(chosen.maxGrids(), "grid"), imageTokens)
                    : String.format(Locale.ROOT, "%s at up to %s instead of %d: %d tokens instead of %d",
                            images, plural(chosen.maxGrids(), "grid"), request.maxGrids(), imageTokens, fullImageTokens));
        }
        // the budget counts one scope; the whole request (text, OCR blocks, answer) is said beside it,
        // so the number here never seems to contradict the ledger's total
        TokenLedger l = chosen.ledger();
        lines.add(String.format(Locale.ROOT, "%s: %d of the budget %d (everything at full size: %d); the whole request "
                        + "with text and answer: %d of the context %d",
                scope == Scope.VISUAL ? "visual tokens (images and videos)" : "prompt tokens (everything but the answer)",
                chosen.tokens(), budget, full.tokens(), l.totalTokens(), l.contextLength()));
        return lines;
    }

    /** "1 frame", "2 frames". */
    public static String plural(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}
