package io.glimpse.inference.ledger;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.JinjaChatTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of a request rendered with the model folder's own Jinja chat template (byte-exact for
 * that checkpoint), instead of the built-in layout. Messages are passed as Hugging Face does for
 * multimodal templates: the user turn's content is a list of parts ({@code image} with
 * {@code filename}, {@code ocr}, {@code lens_keywords}, {@code lens_local_keywords}; {@code video}
 * with {@code filename}; {@code text}).
 *
 * <p>Each part is attributed the tokens it adds: the request is rendered part by part and every
 * segment is the difference between two consecutive renders (for a medium, with its one
 * placeholder swapped for its visual tokens). The differences telescope, so the total is exactly
 * the tokens of the full prompt with every placeholder expanded. Stateless and thread-safe.
 */
public final class TemplateLedger {
    private TemplateLedger() {
    }

    /** The template renders no placeholder for an image or video part (a text-only template). */
    public static final class NoMediaPlaceholders extends IllegalArgumentException {
        NoMediaPlaceholders(String message) {
            super(message);
        }
    }

    /**
     * @param imagePlaceholder  the text the template emits for an image (e.g. {@code <|dummy3|>})
     * @param videoPlaceholder  the text it emits for a video
     * @throws NoMediaPlaceholders when an image or video part adds no placeholder to the prompt
     */
    public static TokenLedger compute(LedgerRequest request, JinjaChatTemplate template, VisualCosts visual,
                                      TextCounter text, String imagePlaceholder, String videoPlaceholder) {
        List<LedgerSegment> segments = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean est = !text.exact();
        List<Map<String, Object>> messages = new ArrayList<>();
        int previous = 0;
        if (request.system() != null) {
            messages.add(message("system", request.system()));
            int now = text.count(template.renderMessages(messages, false));
            segments.add(new LedgerSegment(SegmentKind.SYSTEM, "system prompt (with the template's preamble)", now - previous, est, Map.of()));
            previous = now;
        }
        int turn = 1;
        for (ChatMessage m : request.history()) {
            messages.add(message(m.role(), m.content()));
            int now = text.count(template.renderMessages(messages, false));
            segments.add(new LedgerSegment(SegmentKind.HISTORY, "turn " + turn++ + " (" + m.role() + ")", now - previous, est, Map.of()));
            previous = now;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("role", "user");
        user.put("content", parts);
        messages.add(user);
        for (LedgerRequest.Image image : request.images()) {
            parts.add(imagePart(image));
            VisualCosts.ImageCost cost = visual.image(image.width(), image.height(), request.maxGrids());
            previous = addMedium(segments, SegmentKind.IMAGE, image.name(), template, messages, text, previous,
                    imagePlaceholder, cost.tokens(), MediaDetails.image(image, cost), est);
            if (cost.warning() != null) {
                warnings.add(image.name() + ": " + cost.warning());
            }
        }
        for (LedgerRequest.Video video : request.videos()) {
            parts.add(Map.of("type", "video", "filename", video.name()));
            VisualCosts.VideoCost cost = visual.video(video.frames());
            previous = addMedium(segments, SegmentKind.VIDEO, video.name(), template, messages, text, previous,
                    videoPlaceholder, cost.tokens(), MediaDetails.video(video, cost), est);
            if (MediaDetails.videoWarning(cost) != null) {
                warnings.add(video.name() + ": " + MediaDetails.videoWarning(cost));
            }
        }
        parts.add(Map.of("type", "text", "text", request.prompt()));
        int withText = text.count(template.renderMessages(messages, false));
        segments.add(new LedgerSegment(SegmentKind.TEXT, "question (with the turn's wrapper)", withText - previous, est, Map.of()));
        int all = text.count(template.renderMessages(messages, true));
        segments.add(new LedgerSegment(SegmentKind.GENERATION_PROMPT, "assistant opening", all - withText, est, Map.of()));
        segments.add(new LedgerSegment(SegmentKind.OUTPUT_RESERVE, "answer (reserved)", request.outputReserve(), false, Map.of()));
        List<String> assumptions = new ArrayList<>(visual.assumptions());
        if (est) {
            warnings.add(MediaDetails.ESTIMATE_WARNING);
        }
        return new TokenLedger(segments, request.contextLength(), assumptions, warnings);
    }

    /**
     * The prompt itself, rendered as {@link #compute} counts it: the same messages with the generation
     * prompt, each image's and video's one placeholder expanded, in order, to its visual token count
     * (what transformers' LlavaProcessor does before tokenizing).
     *
     * @throws NoMediaPlaceholders when the template renders another number of placeholders than media
     */
    public static String render(LedgerRequest request, JinjaChatTemplate template, VisualCosts visual,
                                String imagePlaceholder, String videoPlaceholder) {
        List<Map<String, Object>> messages = new ArrayList<>();
        if (request.system() != null) {
            messages.add(message("system", request.system()));
        }
        request.history().forEach(m -> messages.add(message(m.role(), m.content())));
        List<Map<String, Object>> parts = new ArrayList<>();
        List<Integer> imageCounts = new ArrayList<>();
        for (LedgerRequest.Image image : request.images()) {
            parts.add(imagePart(image));
            imageCounts.add(visual.image(image.width(), image.height(), request.maxGrids()).tokens());
        }
        List<Integer> videoCounts = new ArrayList<>();
        for (LedgerRequest.Video video : request.videos()) {
            parts.add(Map.of("type", "video", "filename", video.name()));
            videoCounts.add(visual.video(video.frames()).tokens());
        }
        parts.add(Map.of("type", "text", "text", request.prompt()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("role", "user");
        user.put("content", parts);
        messages.add(user);
        String rendered = template.renderMessages(messages, true);
        rendered = expand(rendered, imagePlaceholder, imageCounts, "image");
        return videoCounts.isEmpty() ? rendered : expand(rendered, videoPlaceholder, videoCounts, "video");
    }

    /** Replaces the k-th {@code placeholder} with {@code counts[k]} copies; the numbers must match. */
    private static String expand(String text, String placeholder, List<Integer> counts, String what) {
        if (counts.isEmpty()) {
            return text;
        }
        int found = occurrences(text, placeholder);
        if (found != counts.size()) {
            throw new NoMediaPlaceholders("the folder's chat template rendered " + BudgetSolver.plural(found, placeholder + " placeholder")
                    + " for " + BudgetSolver.plural(counts.size(), what));
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int count : counts) {
            int at = text.indexOf(placeholder, from);
            out.append(text, from, at).append(placeholder.repeat(count));
            from = at + placeholder.length();
        }
        return out.append(text.substring(from)).toString();
    }

    private static Map<String, Object> imagePart(LedgerRequest.Image image) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "image");
        part.put("filename", image.name());
        part.put("ocr", image.ocr() == null ? "" : image.ocr());
        part.put("lens_keywords", "");
        part.put("lens_local_keywords", "");
        return part;
    }

    private static int addMedium(List<LedgerSegment> segments, SegmentKind kind, String name, JinjaChatTemplate template,
                                 List<Map<String, Object>> messages, TextCounter text, int previous, String placeholder,
                                 int visualTokens, Map<String, Object> costDetail, boolean est) {
        String rendered = template.renderMessages(messages, false);
        int expected = (int) segments.stream().filter(s -> s.kind() == kind).count() + 1;
        int placeholders = occurrences(rendered, placeholder);
        if (placeholders != expected) {
            throw new NoMediaPlaceholders("the folder's chat template rendered " + BudgetSolver.plural(placeholders, placeholder + " placeholder")
                    + " for " + BudgetSolver.plural(expected, kind.name().toLowerCase(java.util.Locale.ROOT)));
        }
        // `previous` and `now` count the rendered text with placeholders unexpanded; the medium's
        // segment swaps its one placeholder for its visual tokens, so the segments still add up to
        // the expanded prompt.
        int now = text.count(rendered);
        int wrapper = now - previous - text.count(placeholder);
        Map<String, Object> detail = new LinkedHashMap<>(costDetail);
        detail.put("visual", visualTokens);
        detail.put("wrapper", wrapper);
        segments.add(new LedgerSegment(kind, name, wrapper + visualTokens, est, detail));
        return now;
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static int occurrences(String text, String piece) {
        int n = 0;
        for (int at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + piece.length())) {
            n++;
        }
        return n;
    }
}
