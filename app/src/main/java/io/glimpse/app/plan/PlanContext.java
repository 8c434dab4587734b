package io.glimpse.app.plan;

import io.glimpse.inference.ModelFolderException;
import io.glimpse.inference.chat.JinjaChatTemplate;
import io.glimpse.inference.generic.ClipVisionProcessor;
import io.glimpse.inference.ledger.HcxLedger;
import io.glimpse.inference.ledger.HcxPromptLayout;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.ledger.TemplateLedger;
import io.glimpse.inference.ledger.TextCounter;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import io.glimpse.inference.vision.ImageTextToTextPlanner;
import io.glimpse.plugins.ModelFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything needed to price a request for one model family and (optional) model folder: the
 * vision processor, the context length, the text counter (the folder's tokenizer, else an
 * estimate) and the prompt layout (the folder's own chat template when it places media, else the
 * built-in HCX blocks; for a transformers.js image-text-to-text folder, exactly {@code glimpse ask}'s; for a
 * text model, its chat template, see {@link TextPlan}). Shared by {@code glimpse plan} and the window.
 *
 * <p>Owns the tokenizer (close it). The ledger function is thread-safe when the tokenizer is
 * (DJL and the built-in tokenizers are); the notes list is fixed at creation.
 */
public final class PlanContext implements AutoCloseable {
    private final ModelFamily family;
    private final VisionProcessor vision;
    private final ModelFamily.ContextLength context;
    private final Tokenizer tokenizer;
    private final List<String> notes;
    private final Function<LedgerRequest, TokenLedger> ledgerOf;
    private final Function<LedgerRequest, String> renderOf;
    private final boolean addSpecialTokens;

    /** @param vision null for a text model ({@link TextPlan}) */
    /**
     * @param renderOf         the prompt text the ledger counts
     * @param addSpecialTokens whether that text is tokenized with the tokenizer's own special tokens (a raw prompt)
     */
    PlanContext(ModelFamily family, VisionProcessor vision, ModelFamily.ContextLength context, Tokenizer tokenizer,
                        List<String> notes, Function<LedgerRequest, TokenLedger> ledgerOf,
                        Function<LedgerRequest, String> renderOf, boolean addSpecialTokens) {
        this.family = family;
        this.vision = vision;
        this.context = context;
        this.tokenizer = tokenizer;
        this.notes = List.copyOf(notes);
        this.ledgerOf = ledgerOf;
        this.renderOf = renderOf;
        this.addSpecialTokens = addSpecialTokens;
    }

    /**
     * A text family (no image or video input) is planned as {@link #openText} does.
     *
     * @param modelFolder the model folder, or null to plan with the family's built-in profile
     * @throws NoVisionException    when a family that takes images or videos has no vision processor
     * @throws ModelFolderException when the folder's processor settings cannot be read or are inconsistent
     */
    public static PlanContext open(ModelFamily family, Path modelFolder) throws ModelFolderException {
        if (!family.inputs().contains(ModelFamily.Modality.IMAGE) && !family.inputs().contains(ModelFamily.Modality.VIDEO)) {
            return TextPlan.open(family, modelFolder);
        }
        VisionProcessor vision;
        try {
            vision = family.vision(modelFolder).orElseThrow(() -> new NoVisionException(family.id()));
        } catch (IllegalArgumentException e) {
            if (modelFolder == null) {
                throw e; // the family has no built-in profile: the message says what to give
            }
            throw new ModelFolderException(modelFolder, "inconsistent processor settings: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFolderException(modelFolder, "cannot read the processor settings: " + e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        ModelFamily.ContextLength ctx = family.contextLength(modelFolder);
        if (vision instanceof ClipVisionProcessor && modelFolder != null) {
            return openImageTextToText(family, modelFolder, ctx, notes);
        }
        Tokenizer tokenizer = openTokenizer(modelFolder);
        TextCounter text = tokenizer == null ? TextCounter.estimate() : TextCounter.of(tokenizer);
        Layout layout = layout(modelFolder, vision, text, HcxPromptLayout.builtIn(), notes);
        return new PlanContext(family, vision, ctx, tokenizer, notes, layout.ledger(), layout.render(), false);
    }

    /**
     * A transformers.js image-text-to-text folder: the ledger is the one {@code glimpse ask} computes
     * (the same front end: the folder's Jinja template with image parts, each image token expanded to
     * image_seq_length), counted with the same tokenizer.
     */
    private static PlanContext openImageTextToText(ModelFamily family, Path folder, ModelFamily.ContextLength ctx,
                                                   List<String> notes) throws ModelFolderException {
        ImageTextToTextPlanner planner = ImageTextToTextPlanner.open(folder);
        ClipVisionProcessor vision = planner.processor();
        Tokenizer tokenizer = planner.openTokenizer();
        TextCounter text = TextCounter.of(tokenizer);
        notes.add("prompt layout: the model folder's own chat_template, each " + vision.imageToken() + " expanded to "
                + vision.imageSeqLength() + " tokens (as glimpse ask lays it out)");
        return new PlanContext(family, vision, ctx, tokenizer, notes, r -> planner.ledger(r, text), planner::render, false);
    }

    /**
     * A text model's plan: the folder's tokenizer and chat template, chosen as the text engine
     * chooses them; the ledger is {@link io.glimpse.inference.ledger.TextLedger}'s and refuses media.
     *
     * @param family the text family, or null for a folder no family recognises
     * @param folder the model folder, or null for the family's built-in template (estimated counts)
     */
    public static PlanContext openText(ModelFamily family, Path folder) throws ModelFolderException {
        return TextPlan.open(family, folder);
    }

    /** Whether {@code folder} reads as a model that takes token ids (what {@code TextModelEngine} opens); never throws. */
    public static boolean isTextModelFolder(Path folder) {
        try {
            return !io.glimpse.inference.model.ModelFolder.read(folder).decoder().takesEmbeddings();
        } catch (ModelFolderException | RuntimeException e) {
            return false;
        }
    }

    /** True for a text model's plan: {@link #vision()} is null and the ledger takes no media. */
    public boolean textOnly() {
        return vision == null;
    }

    /** The family, or null for a text folder no family recognises. */
    public ModelFamily family() {
        return family;
    }

    /** The vision processor, or null for a text model. */
    public VisionProcessor vision() {
        return vision;
    }

    /** The context length read from the folder, else the profile's default (see {@link #notes()}). */
    public int contextLength() {
        return context.tokens();
    }

    /** Which prompt layout was chosen and why, in words. */
    public List<String> notes() {
        return notes;
    }

    /** What was assumed about the context length (not read from the model's files), or null. */
    public String contextAssumption() {
        return context.assumption();
    }

    /** Computes a request's ledger with this context's layout and text counter. */
    public Function<LedgerRequest, TokenLedger> ledgerFunction() {
        return ledgerOf;
    }

    public TokenLedger ledger(LedgerRequest request) {
        return ledgerOf.apply(request);
    }

    /**
     * The request's prompt as the model sees it: the text the ledger counts, tokenized as the
     * generation path tokenizes it (estimated, with the ledger's count, without a tokenizer).
     */
    public PromptText prompt(LedgerRequest request) {
        String text = renderOf.apply(request);
        return PromptText.of(text, tokenizer, addSpecialTokens, tokenizer == null ? ledger(request).promptTokens() : 0);
    }

    /** The folder's tokenizer, or null when counts are estimated. Owned by this context: do not close it. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /**
     * The folder's own chat template when it places media (byte-exact for that checkpoint), else the
     * built-in layout; a note says which was used.
     */
    private static Layout layout(Path model, VisionProcessor vision, TextCounter text, HcxPromptLayout layout,
                                 List<String> notes) throws ModelFolderException {
        Optional<JinjaChatTemplate> own = model == null ? Optional.empty() : JinjaChatTemplate.fromTokenizerConfig(model);
        if (own.isEmpty()) {
            notes.add("prompt layout: the built-in HCX vision blocks (no chat_template in the model folder)");
            return new Layout(r -> HcxLedger.compute(r, vision, text, layout), r -> HcxLedger.render(r, vision, layout));
        }
        String image = layout.block("image_placeholder");
        String video = layout.block("video_placeholder");
        try {
            LedgerRequest probe = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("probe.jpg", 378, 378, "")),
                    List.of(new LedgerRequest.Video("probe.mp4", 1, 1)), "?", 0, Integer.MAX_VALUE, vision.maxGrids());
            TemplateLedger.compute(probe, own.get(), vision, text, image, video);
        } catch (IllegalArgumentException e) {
            notes.add("prompt layout: the built-in HCX vision blocks, because the folder's chat_template does not place media ("
                    + e.getMessage() + ")");
            return new Layout(r -> HcxLedger.compute(r, vision, text, layout), r -> HcxLedger.render(r, vision, layout));
        }
        notes.add("prompt layout: the model folder's own chat_template");
        return new Layout(r -> TemplateLedger.compute(r, own.get(), vision, text, image, video),
                r -> TemplateLedger.render(r, own.get(), vision, image, video));
    }

    /** How a request is counted and the prompt text that count is of. */
    private record Layout(Function<LedgerRequest, TokenLedger> ledger, Function<LedgerRequest, String> render) {
    }

    /** The folder's tokenizer when there is one; null means estimate. */
    private static Tokenizer openTokenizer(Path model) {
        if (model == null) {
            return null;
        }
        try {
            return Tokenizers.open(model);
        } catch (ModelFolderException e) {
            return null;
        }
    }

    /** The family takes no images or videos, so there is nothing visual to plan. */
    public static final class NoVisionException extends IllegalArgumentException {
        public NoVisionException(String familyId) {
            super(familyId + " takes no images or videos: plan needs a vision profile");
        }
    }
}
