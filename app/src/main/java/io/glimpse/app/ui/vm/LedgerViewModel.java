package io.glimpse.app.ui.vm;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.ledger.BudgetSolver;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The token ledger of the request as it stands: recomputed at once (sizes and frame counts only,
 * no pixels) whenever media, frames, prompts, the conversation's history or limits change, plus the budget field and its
 * "fit to budget" action with the solver's explanation. UI thread only.
 */
public final class LedgerViewModel {
    /** Why a text model's ledger refuses the media list. */
    public static final String TEXT_ONLY = "the chosen model is a text model and takes no images or videos: "
            + "remove them from the list, or choose a vision model folder";
    private final Supplier<PlanContext> context;
    private final MediaListViewModel media;
    private final FrameStripViewModel strip;
    private final FrameControls controls;
    private final StringProperty prompt;
    private final StringProperty system;
    private final List<ChatMessage> history;
    private final ObjectProperty<TokenLedger> ledger = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final IntegerProperty maxGrids = new SimpleIntegerProperty(9);
    /** The answer's length: the sampling panel's max new tokens, the one setting the ledger reserves and the generator obeys. */
    private final IntegerProperty maxNewTokens;
    private final StringProperty budget = new SimpleStringProperty("");
    private final ObservableList<String> explanation = FXCollections.observableArrayList();

    public LedgerViewModel(Supplier<PlanContext> context, MediaListViewModel media, FrameStripViewModel strip, FrameControls controls,
                           StringProperty prompt, StringProperty system, List<ChatMessage> history, IntegerProperty maxNewTokens) {
        this.history = history;
        this.maxNewTokens = maxNewTokens;
        this.context = context;
        this.media = media;
        this.strip = strip;
        this.controls = controls;
        this.prompt = prompt;
        this.system = system;
    }

    public ObjectProperty<TokenLedger> ledgerProperty() {
        return ledger;
    }

    public TokenLedger ledger() {
        return ledger.get();
    }

    public StringProperty errorProperty() {
        return error;
    }

    public IntegerProperty maxGridsProperty() {
        return maxGrids;
    }

    /** The same property as {@link PromptViewModel#maxTokensProperty()}: the ledger's answer part. */
    public IntegerProperty maxNewTokensProperty() {
        return maxNewTokens;
    }

    public StringProperty budgetProperty() {
        return budget;
    }

    public ObservableList<String> explanation() {
        return explanation;
    }

    /** Recomputes the ledger; a request the controls cannot describe leaves the last ledger and says why. */
    public void recompute() {
        PlanContext ctx = context.get();
        if (ctx == null) {
            return;
        }
        try {
            ledger.set(ctx.ledger(request(ctx, null)));
            error.set(null);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    /**
     * Fits the request into the budget typed in the budget field (visual tokens: images and videos
     * with their wrapper text, as {@code glimpse plan --budget}; text, OCR blocks and the answer are
     * not in it): sets the frame count and grid limit the solver chose and shows its explanation.
     * Spare budget buys frames too: each video may get as many as its range holds, up to the
     * family's per-video cap, beyond the max-frames control (raised to match).
     */
    public void fitToBudget() {
        PlanContext ctx = context.get();
        if (ctx != null && ctx.textOnly()) {
            explanation.clear();
            error.set("fit to budget chooses frames and image grids; the chosen text model takes no images or videos");
            return;
        }
        int b;
        try {
            b = Integer.parseInt(budget.get().trim());
            if (b < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException | NullPointerException e) {
            error.set("budget: '" + (budget.get() == null ? "" : budget.get().trim()) + "' is not a positive number of tokens");
            return;
        }
        try {
            LedgerRequest most = request(ctx, FrameControls.MAX_COUNT); // the solver stops at the family's cap
            most = new LedgerRequest(most.system(), most.history(), most.images(), most.videos(), most.prompt(), most.outputReserve(),
                    most.contextLength(), ctx.vision().maxGrids());
            BudgetSolver.Plan plan = BudgetSolver.solve(most, b, BudgetSolver.Scope.VISUAL, ctx.vision(), ctx.ledgerFunction());
            List<String> lines = new ArrayList<>(plan.explanation());
            if (plan.below() != null) {
                lines.add("cheaper: " + option(plan.below()));
            }
            if (plan.above() != null) {
                lines.add("dearer, over the budget: " + option(plan.above()));
            }
            explanation.setAll(lines);
            maxGrids.set(plan.chosen().maxGrids());
            List<MediaItem> videos = media.videos(); // the solver's videos, in the same order
            for (int i = 0; i < videos.size(); i++) {
                controls.setFrames(videos.get(i), plan.chosen().framesPerVideo().get(i));
            }
            recompute();
        } catch (IllegalArgumentException e) {
            explanation.clear();
            error.set(e.getMessage());
        }
    }

    private static String option(BudgetSolver.Option o) {
        String frames = o.framesPerVideo().isEmpty() ? ""
                : BudgetSolver.plural(o.framesPerVideo().stream().mapToInt(Integer::intValue).max().orElse(0), "frame") + " per video, ";
        boolean images = o.ledger().segments().stream().anyMatch(seg -> seg.kind() == io.glimpse.inference.ledger.SegmentKind.IMAGE);
        String grids = images ? "up to " + BudgetSolver.plural(o.maxGrids(), "grid") + " per image, " : "";
        return frames + grids + o.tokens() + " visual tokens";
    }

    /** @param framesOverride frames per video to ask for instead of the strip's, or null */
    /**
     * The prompt exactly as the model will receive it for what the ledger shows now (the rendered
     * text, its token count and ids), or null when nothing is planned.
     */
    public io.glimpse.app.plan.PromptText prompt() {
        PlanContext ctx = context.get();
        return ctx == null ? null : ctx.prompt(request(ctx, null));
    }

    private LedgerRequest request(PlanContext ctx, Integer framesOverride) {
        String sys = system.get() == null || system.get().isBlank() ? null : system.get();
        String question = prompt.get() == null ? "" : prompt.get();
        if (ctx.textOnly()) { // what TextModelEngine sends: the system prompt only when not blank, the conversation so far
            if (!media.items().isEmpty()) {
                throw new IllegalArgumentException(TEXT_ONLY);
            }
            return new LedgerRequest(sys, List.copyOf(history), List.of(), List.of(), question, maxNewTokens.get(), ctx.contextLength(), 1);
        }
        List<LedgerRequest.Image> images = new ArrayList<>();
        for (MediaItem i : media.images()) {
            images.add(new LedgerRequest.Image(i.name(), i.width(), i.height(), media.ocr(i)));
        }
        if (images.size() > ctx.vision().maxImages()) {
            throw new IllegalArgumentException(images.size() + " images, but " + ctx.family().id() + " accepts at most " + ctx.vision().maxImages());
        }
        List<LedgerRequest.Video> videos = new ArrayList<>();
        for (MediaItem v : media.videos()) {
            SamplingRequest r = controls.request(v); // each video its own settings
            SamplingPlan p;
            try {
                p = SamplingPlan.of(v.video(), r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(v.name() + ": " + e.getMessage());
            }
            long available = p.lastIndex() - p.firstIndex() + 1;
            int frames = framesOverride != null ? (int) Math.min(framesOverride, available) : strip.framesToSend(v);
            videos.add(new LedgerRequest.Video(v.name(), frames, p.endSeconds() - p.startSeconds()));
        }
        int grids = Math.max(1, Math.min(maxGrids.get(), ctx.vision().maxGrids()));
        return new LedgerRequest(sys, List.copyOf(history), images, videos, question, maxNewTokens.get(), ctx.contextLength(), grids);
    }
}
