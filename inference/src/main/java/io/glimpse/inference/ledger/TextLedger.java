package io.glimpse.inference.ledger;

import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger of a text-only request: the conversation rendered with the model's chat template
 * (built in or the folder's own Jinja), counted as the generation path tokenizes it (the rendered
 * text, no special tokens added, since the template writes them). Each segment is the difference
 * between the token counts of two consecutive renders (system, each earlier turn, the question,
 * then the generation prompt); the differences telescope, so the prompt total is exactly the
 * count of the full rendered prompt. Without a template the prompt is the raw question, counted
 * with the special tokens the tokenizer adds (BOS). Stateless and thread-safe.
 */
public final class TextLedger {
    /** The warning of a ledger without a chat template. */
    public static final String NO_TEMPLATE = "no chat template: the prompt is the raw question (with the tokenizer's BOS)";

    private TextLedger() {
    }

    /**
     * @param template  the chat template, or null for raw text (history and system prompt are then not sent)
     * @throws IllegalArgumentException when the template refuses the conversation (its own message)
     */
    public static TokenLedger compute(LedgerRequest request, ChatTemplate template, TextCounter text) {
        requireNoMedia(request);
        if (template == null) {
            return raw(request, text);
        }
        boolean est = !text.exact();
        List<LedgerSegment> segments = new ArrayList<>();
        List<ChatMessage> messages = new ArrayList<>();
        int previous = 0;
        if (request.system() != null) {
            messages.add(ChatMessage.system(request.system()));
            int now = text.count(template.render(messages, false));
            segments.add(new LedgerSegment(SegmentKind.SYSTEM, "system prompt (with the template's preamble)", now - previous, est, Map.of()));
            previous = now;
        }
        int turn = 1;
        for (ChatMessage m : request.history()) {
            messages.add(m);
            int now = text.count(template.render(messages, false));
            segments.add(new LedgerSegment(SegmentKind.HISTORY, "turn " + turn++ + " (" + m.role() + ")", now - previous, est, Map.of()));
            previous = now;
        }
        messages.add(ChatMessage.user(request.prompt()));
        int withText = text.count(template.render(messages, false));
        segments.add(new LedgerSegment(SegmentKind.TEXT, "question (with the turn's wrapper)", withText - previous, est, Map.of()));
        int all = text.count(render(request, template));
        segments.add(new LedgerSegment(SegmentKind.GENERATION_PROMPT, "assistant opening", all - withText, est, Map.of()));
        segments.add(reserve(request));
        return new TokenLedger(segments, request.contextLength(), List.of(), est ? List.of(MediaDetails.ESTIMATE_WARNING) : List.of());
    }

    /**
     * The prompt text {@link #compute} counts: the conversation rendered with the generation prompt,
     * or the raw question when there is no template.
     */
    public static String render(LedgerRequest request, ChatTemplate template) {
        if (template == null) {
            return request.prompt();
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (request.system() != null) {
            messages.add(ChatMessage.system(request.system()));
        }
        messages.addAll(request.history());
        messages.add(ChatMessage.user(request.prompt()));
        return template.render(messages, true);
    }

    private static TokenLedger raw(LedgerRequest request, TextCounter text) {
        boolean est = !text.exact();
        int all = text.countRaw(request.prompt());
        int added = all - text.count(request.prompt());
        List<LedgerSegment> segments = List.of(
                new LedgerSegment(SegmentKind.TEXT, "question (raw text)", all, est, Map.of("special", added)),
                reserve(request));
        List<String> warnings = new ArrayList<>();
        warnings.add(NO_TEMPLATE);
        if (request.system() != null || !request.history().isEmpty()) {
            warnings.add("no chat template: the system prompt and earlier turns cannot be sent and are not counted");
        }
        if (est) {
            warnings.add(MediaDetails.ESTIMATE_WARNING);
        }
        return new TokenLedger(segments, request.contextLength(), List.of(), warnings);
    }

    private static LedgerSegment reserve(LedgerRequest request) {
        return new LedgerSegment(SegmentKind.OUTPUT_RESERVE, "answer (reserved)", request.outputReserve(), false, Map.of());
    }

    private static void requireNoMedia(LedgerRequest request) {
        if (!request.images().isEmpty() || !request.videos().isEmpty()) {
            throw new IllegalArgumentException("a text model takes no images or videos: remove them, or choose a vision model");
        }
    }
}
