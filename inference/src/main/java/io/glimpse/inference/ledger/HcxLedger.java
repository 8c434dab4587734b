package io.glimpse.inference.ledger;

import io.glimpse.inference.chat.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the {@link TokenLedger} of an HCX vision request without running any model: the prompt
 * is laid out block by block ({@link HcxPromptLayout}), each block's text counted with the
 * tokenizer (or estimated), each image and video placeholder expanded by the processor's exact
 * visual counts. Stateless and thread-safe.
 */
public final class HcxLedger {
    private HcxLedger() {
    }

    /** One block of the prompt: its text (with at most one placeholder) and what it is in the ledger. */
    private record Part(SegmentKind kind, String source, String text, String placeholder, int visualTokens,
                        Map<String, Object> detail, String warning) {
    }

    public static TokenLedger compute(LedgerRequest request, VisualCosts visual, TextCounter text, HcxPromptLayout layout) {
        List<LedgerSegment> segments = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean est = !text.exact();
        for (Part part : parts(request, visual, layout)) {
            int textTokens = text.count(part.text()) - (part.placeholder() == null ? 0 : text.count(part.placeholder()));
            Map<String, Object> detail = new LinkedHashMap<>(part.detail());
            if (part.placeholder() != null) {
                detail.put("visual", part.visualTokens());
                detail.put("wrapper", textTokens);
            }
            segments.add(new LedgerSegment(part.kind(), part.source(), textTokens + part.visualTokens(), est, detail));
            if (part.warning() != null) {
                warnings.add(part.source() + ": " + part.warning());
            }
        }
        segments.add(new LedgerSegment(SegmentKind.OUTPUT_RESERVE, "answer (reserved)", request.outputReserve(), false, Map.of()));
        List<String> assumptions = new ArrayList<>(visual.assumptions());
        assumptions.addAll(layout.assumptions());
        if (est) {
            warnings.add(MediaDetails.ESTIMATE_WARNING);
        }
        return new TokenLedger(segments, request.contextLength(), assumptions, warnings);
    }

    /**
     * The prompt text itself, as the built-in HCX vision template renders it: every image and video
     * placeholder expanded to its visual token count (hcx-spec.md §7.3: one placeholder per item,
     * replaced by N copies whose embeddings the vision features overwrite).
     */
    public static String render(LedgerRequest request, VisualCosts visual, HcxPromptLayout layout) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts(request, visual, layout)) {
            if (part.placeholder() == null) {
                out.append(part.text());
            } else {
                out.append(part.text().replace(part.placeholder(), part.placeholder().repeat(part.visualTokens())));
            }
        }
        return out.toString();
    }

    /** The request laid out block by block, in prompt order (without the output reserve). */
    private static List<Part> parts(LedgerRequest request, VisualCosts visual, HcxPromptLayout layout) {
        List<Part> parts = new ArrayList<>();
        parts.add(text(SegmentKind.TOOL_LIST, "tool list (empty)", layout.block("tool_list")));
        parts.add(text(SegmentKind.SYSTEM, "system prompt",
                layout.block("system", "content", request.system() == null ? "" : request.system())));
        int turn = 1;
        for (ChatMessage m : request.history()) {
            String block = m.role().equals("assistant") ? layout.block("assistant", "content", m.content())
                    : layout.block("user", "content", m.content());
            parts.add(text(SegmentKind.HISTORY, "turn " + turn++ + " (" + m.role() + ")", block));
        }
        String imagePlaceholder = layout.block("image_placeholder");
        for (LedgerRequest.Image image : request.images()) {
            VisualCosts.ImageCost cost = visual.image(image.width(), image.height(), request.maxGrids());
            parts.add(new Part(SegmentKind.IMAGE, image.name(),
                    layout.block("image_mime", "filename", jsonText(image.name()))
                            + layout.block("image_vector", "placeholder", imagePlaceholder),
                    imagePlaceholder, cost.tokens(), MediaDetails.image(image, cost), cost.warning()));
            // the template sends this block after every image even with no OCR text (hcx-spec.md §7.3):
            // the source says so, as an empty one still costs its fixed instruction
            boolean empty = image.ocr() == null || image.ocr().isBlank();
            parts.add(text(SegmentKind.AUX, image.name() + (empty ? ": OCR block (empty)" : ": OCR block"),
                    layout.block("image_aux", "ocr", jsonText(image.ocr()))));
        }
        String videoPlaceholder = layout.block("video_placeholder");
        for (LedgerRequest.Video video : request.videos()) {
            VisualCosts.VideoCost cost = visual.video(video.frames());
            parts.add(new Part(SegmentKind.VIDEO, video.name(),
                    layout.block("video_mime", "filename", jsonText(video.name()))
                            + layout.block("video_vector", "placeholder", videoPlaceholder),
                    videoPlaceholder, cost.tokens(), MediaDetails.video(video, cost), MediaDetails.videoWarning(cost)));
        }
        parts.add(text(SegmentKind.TEXT, "question", layout.block("user", "content", request.prompt())));
        parts.add(text(SegmentKind.GENERATION_PROMPT, "assistant opening", layout.block("generation_prompt")));
        return parts;
    }

    private static Part text(SegmentKind kind, String source, String block) {
        return new Part(kind, source, block, null, 0, Map.of(), null);
    }

    /** The text as it appears inside the JSON strings of the mime and aux blocks. */
    static String jsonText(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
