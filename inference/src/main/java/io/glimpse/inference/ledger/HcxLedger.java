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

    public static TokenLedger compute(LedgerRequest request, VisualCosts visual, TextCounter text, HcxPromptLayout layout) {
        List<LedgerSegment> segments = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean est = !text.exact();

        segments.add(textSegment(SegmentKind.TOOL_LIST, "tool list (empty)", layout.block("tool_list"), text));
        segments.add(textSegment(SegmentKind.SYSTEM, "system prompt",
                layout.block("system", "content", request.system() == null ? "" : request.system()), text));
        int turn = 1;
        for (ChatMessage m : request.history()) {
            String block = m.role().equals("assistant") ? layout.block("assistant", "content", m.content())
                    : layout.block("user", "content", m.content());
            segments.add(textSegment(SegmentKind.HISTORY, "turn " + turn++ + " (" + m.role() + ")", block, text));
        }
        String imagePlaceholder = layout.block("image_placeholder");
        for (LedgerRequest.Image image : request.images()) {
            VisualCosts.ImageCost cost = visual.image(image.width(), image.height(), request.maxGrids());
            String wrapper = layout.block("image_mime", "filename", jsonText(image.name()))
                    + layout.block("image_vector", "placeholder", imagePlaceholder);
            int wrapperTokens = text.count(wrapper) - text.count(imagePlaceholder);
            Map<String, Object> detail = new LinkedHashMap<>(cost.detail());
            detail.put("visual", cost.tokens());
            detail.put("wrapper", wrapperTokens);
            detail.put("size", image.width() + "x" + image.height());
            segments.add(new LedgerSegment(SegmentKind.IMAGE, image.name(), cost.tokens() + wrapperTokens, est, detail));
            if (cost.warning() != null) {
                warnings.add(image.name() + ": " + cost.warning());
            }
            segments.add(textSegment(SegmentKind.AUX, image.name() + " (OCR / lens block)",
                    layout.block("image_aux", "ocr", jsonText(image.ocr())), text));
        }
        String videoPlaceholder = layout.block("video_placeholder");
        for (LedgerRequest.Video video : request.videos()) {
            VisualCosts.VideoCost cost = visual.video(video.frames());
            String wrapper = layout.block("video_mime", "filename", jsonText(video.name()))
                    + layout.block("video_vector", "placeholder", videoPlaceholder);
            int wrapperTokens = text.count(wrapper) - text.count(videoPlaceholder);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("frames", cost.framesUsed());
            detail.put("canvases", cost.canvasTokens().size());
            detail.put("canvasTokens", cost.canvasTokens());
            detail.put("visual", cost.tokens());
            detail.put("wrapper", wrapperTokens);
            if (cost.framesUsed() > 0 && video.durationSeconds() > 0) {
                detail.put("secondsBetweenFrames", Math.round(video.durationSeconds() / cost.framesUsed() * 100) / 100.0);
            }
            segments.add(new LedgerSegment(SegmentKind.VIDEO, video.name(), cost.tokens() + wrapperTokens, est, detail));
            if (cost.framesDropped() > 0) {
                warnings.add(video.name() + ": " + cost.framesDropped() + " frame(s) over the per-video limit dropped");
            }
        }
        segments.add(textSegment(SegmentKind.TEXT, "question", layout.block("user", "content", request.prompt()), text));
        segments.add(textSegment(SegmentKind.GENERATION_PROMPT, "assistant opening", layout.block("generation_prompt"), text));
        segments.add(new LedgerSegment(SegmentKind.OUTPUT_RESERVE, "answer (reserved)", request.outputReserve(), false, Map.of()));

        List<String> assumptions = new ArrayList<>(visual.assumptions());
        assumptions.addAll(layout.assumptions());
        if (est) {
            warnings.add("text counts are estimates: no tokenizer was given (visual counts are exact)");
        }
        return new TokenLedger(segments, request.contextLength(), assumptions, warnings);
    }

    private static LedgerSegment textSegment(SegmentKind kind, String source, String block, TextCounter text) {
        return new LedgerSegment(kind, source, text.count(block), !text.exact(), Map.of());
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
