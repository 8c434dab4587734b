package io.glimpse.inference.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetSolverTest {
    /** Video canvases as hcx-spec.md §6.2 counts them (81 + 9·(g−1) per canvas of g frames); images cost 81 per grid + 81 global. */
    static final VisualCosts HCX_LIKE = new VisualCosts() {
        @Override
        public ImageCost image(int width, int height, int maxGrids) {
            int grids = Math.min(maxGrids, 4);
            return new ImageCost(81 + 81 * grids, Map.of("grids", grids), null);
        }

        @Override
        public VideoCost video(int frames) {
            List<Integer> canvases = new ArrayList<>();
            for (int left = frames; left > 0; left -= 9) {
                canvases.add(81 + 9 * (Math.min(9, left) - 1));
            }
            return new VideoCost(canvases, frames, 0);
        }

        @Override
        public List<String> assumptions() {
            return List.of();
        }
    };

    /** Text costs nothing: the budgets below then count visual tokens alone, checkable by hand. */
    static final TextCounter FREE_TEXT = new TextCounter() {
        @Override
        public int count(String text) {
            return 0;
        }

        @Override
        public boolean exact() {
            return true;
        }
    };

    static LedgerRequest request(int frames) {
        return new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("a.jpg", 640, 480, "")),
                List.of(new LedgerRequest.Video("clip.mp4", frames, 216.0)), "?", 0, 100_000, 9);
    }

    @Test
    void framesComeFirstThenResolution() {
        // visual budget 1000: image at 1 grid = 162 → 838 left for video; 45 frames = 5 canvases × 153 = 765;
        // 46 frames = 765 + 81 = 846 > 838 → 45 frames; then grids: 2 grids = 243 → 765 + 243 = 1008 > 1000 → stays 1
        BudgetSolver.Plan plan = BudgetSolver.solve(request(108), 1000, BudgetSolver.Scope.VISUAL, HCX_LIKE,
                FREE_TEXT, HcxPromptLayout.builtIn());
        assertThat(plan.chosen().framesPerVideo()).containsExactly(45);
        assertThat(plan.chosen().maxGrids()).isEqualTo(1);
        assertThat(plan.chosen().tokens()).isLessThanOrEqualTo(1000);
        assertThat(plan.above().tokens()).isGreaterThan(1000);
        assertThat(plan.above().maxGrids()).isEqualTo(2);
        assertThat(plan.below().framesPerVideo()).containsExactly(44);
        assertThat(plan.below().tokens()).isEqualTo(4 * 153 + (81 + 9 * 7) + 162);
        assertThat(plan.explanation()).first().isEqualTo(
                "clip.mp4: 45 frames instead of 108, 765 tokens instead of 1836: 4.8 s apart instead of 2.0 s");
    }

    @Test
    void whenEveryFrameFitsTheLeftoverBuysResolution() {
        BudgetSolver.Plan plan = BudgetSolver.solve(request(18), 800, BudgetSolver.Scope.VISUAL, HCX_LIKE,
                FREE_TEXT, HcxPromptLayout.builtIn());
        // 18 frames = 2 × 153 = 306; image at 4 grids (its most) = 405 → 711 ≤ 800
        assertThat(plan.chosen().framesPerVideo()).containsExactly(18);
        assertThat(plan.chosen().maxGrids()).isEqualTo(9);
        assertThat(plan.above()).isNull();
        assertThat(plan.explanation()).contains("clip.mp4: all 18 frames kept (306 tokens)");
    }

    @Test
    void aBudgetBelowTheMinimumSaysTheMinimum() {
        assertThatThrownBy(() -> BudgetSolver.solve(request(108), 100, BudgetSolver.Scope.VISUAL, HCX_LIKE,
                FREE_TEXT, HcxPromptLayout.builtIn()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a budget of 100 tokens is too small: even one frame per video and one grid per image need ")
                .hasMessageEndingWith(" (visual tokens)");
    }

    /** HCX_LIKE with the family's per-video cap of 108 frames: frames past it are dropped and cost nothing. */
    static final VisualCosts CAPPED = new VisualCosts() {
        @Override
        public ImageCost image(int width, int height, int maxGrids) {
            return HCX_LIKE.image(width, height, maxGrids);
        }

        @Override
        public VideoCost video(int frames) {
            VideoCost used = HCX_LIKE.video(Math.min(frames, 108));
            return new VideoCost(used.canvasTokens(), used.framesUsed(), Math.max(0, frames - 108));
        }

        @Override
        public List<String> assumptions() {
            return List.of();
        }
    };

    static LedgerRequest videoOnly(int frames) {
        return new LedgerRequest(null, List.of(), List.of(), List.of(new LedgerRequest.Video("clip.mp4", frames, 40.0)),
                "?", 0, 100_000, 9);
    }

    @Test
    void withNoImageTheGridLimitIsNoCheaperOption() {
        // 32 frames = 3 canvases × 153 + 5 frames (81 + 36) = 576 ≤ 1000: everything fits. The grid limit changes
        // nothing without an image, so the cheaper option is one frame less, never "8 grids" at the same price.
        BudgetSolver.Plan plan = BudgetSolver.solve(videoOnly(32), 1000, BudgetSolver.Scope.VISUAL, HCX_LIKE,
                FREE_TEXT, HcxPromptLayout.builtIn());
        assertThat(plan.chosen().framesPerVideo()).containsExactly(32);
        assertThat(plan.chosen().tokens()).isEqualTo(576);
        assertThat(plan.below().tokens()).isLessThan(plan.chosen().tokens());
        assertThat(plan.below().framesPerVideo()).containsExactly(31);
        assertThat(plan.above()).isNull();
    }

    @Test
    void framesAreSearchedUpToTheFamilysCapAndNoFurther() {
        // 1200 frames are available, the family keeps 108 (12 canvases × 153 = 1836): the plan stops there and
        // its dearer option is null, not 109 frames that cost the same
        BudgetSolver.Plan plan = BudgetSolver.solve(videoOnly(1200), 5000, BudgetSolver.Scope.VISUAL, CAPPED,
                FREE_TEXT, HcxPromptLayout.builtIn());
        assertThat(plan.chosen().framesPerVideo()).containsExactly(108);
        assertThat(plan.chosen().tokens()).isEqualTo(1836);
        assertThat(plan.above()).isNull();
        assertThat(plan.explanation()).first().isEqualTo("clip.mp4: all 108 frames kept (1836 tokens)");
        assertThat(plan.explanation()).last().asString()
                .startsWith("visual tokens (images and videos): 1836 of the budget 5000")
                .contains("the whole request with text and answer: ");
    }

    @Test
    void countsAreWrittenSingularOrPlural() {
        assertThat(BudgetSolver.plural(1, "image")).isEqualTo("1 image");
        assertThat(BudgetSolver.plural(2, "image")).isEqualTo("2 images");
        assertThat(BudgetSolver.plural(1, "canvas")).isEqualTo("1 canvas");
        assertThat(BudgetSolver.plural(3, "canvas")).isEqualTo("3 canvases");
        BudgetSolver.Plan plan = BudgetSolver.solve(request(9), 100_000, BudgetSolver.Scope.VISUAL, HCX_LIKE,
                FREE_TEXT, HcxPromptLayout.builtIn());
        assertThat(plan.explanation()).contains("1 image at full resolution, up to 9 grids (405 tokens)");
    }
}
