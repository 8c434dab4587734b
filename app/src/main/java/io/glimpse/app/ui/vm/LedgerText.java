package io.glimpse.app.ui.vm;

import io.glimpse.inference.ledger.LedgerSegment;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ledger's words: a segment's name in the legend, its tooltip, the tooltips of the ledger's settings. */
public final class LedgerText {
    /** What the budget field counts, for its label's tooltip. */
    public static final String BUDGET_TIP = "The budget counts visual tokens only: the images' and videos' placeholders "
            + "with their wrapper text (as glimpse plan --budget). The system prompt, the question, the history, "
            + "the images' OCR blocks and the answer are not in it; the ledger's total above counts everything.\n"
            + "Fit to budget chooses the frames per video (as many as fit, up to what the range holds and the model "
            + "keeps per video) and then the largest grid limit per image.";

    /** Why the ledger keeps the answer's tokens free, for the max-new-tokens tooltip. */
    public static final String ANSWER_TIP = "max_new_tokens: the most tokens the answer may have, the same setting as "
            + "the sampling panel's. The ledger keeps that many free in the context; the answer also ends at the "
            + "model's stop tokens.";

    /** Why an image's OCR block is in the prompt even with no OCR text. */
    public static final String OCR_WHY = "The HCX vision chat template follows every image with an image/aux block: "
            + "a fixed instruction (in Korean: \"ocr is the text detected in the photo, lens_keyword the keywords "
            + "extracted from it with their bbox, normalised to 0-1; use them when answering\") and the fields ocr, "
            + "lens_keywords and lens_local_keywords (hcx-spec.md §7.3). The model was trained with it, so it is sent "
            + "even when empty; type the image's OCR text below the media list to fill it.";

    private LedgerText() {
    }

    /** A segment's name in the legend: its part, and the file or field it comes from when that says more. */
    public static String part(LedgerSegment s) {
        String src = s.source() == null ? "" : s.source();
        return switch (s.kind()) {
            case OUTPUT_RESERVE -> "answer (max new tokens)";
            case IMAGE -> "image " + src;
            case VIDEO -> "video " + src;
            case HISTORY -> "history " + src;
            default -> src.isBlank() ? s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') : src;
        };
    }

    /** A segment's tooltip: part, source, tokens, its breakdown, and for an OCR block why it is there. */
    public static String describe(LedgerSegment s) {
        String detail = s.detail().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        String why = switch (s.kind()) {
            case AUX -> "\n" + OCR_WHY;
            case OUTPUT_RESERVE -> "\n" + ANSWER_TIP;
            default -> "";
        };
        return s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " — " + s.source() + "\n"
                + (s.tokens() == 1 ? "1 token" : s.tokens() + " tokens")
                + (s.estimated() ? " (estimated)" : "") + (detail.isEmpty() ? "" : "\n" + detail) + why;
    }
}
