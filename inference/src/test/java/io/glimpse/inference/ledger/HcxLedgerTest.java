package io.glimpse.inference.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.chat.ChatMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's layout and arithmetic, with rigged visual costs and a character-counting "tokenizer". */
class HcxLedgerTest {
    /** One token per character: makes every text count checkable by hand. */
    static final TextCounter CHARS = new TextCounter() {
        @Override
        public int count(String text) {
            return text.length();
        }

        @Override
        public boolean exact() {
            return true;
        }
    };

    static final VisualCosts RIGGED = new VisualCosts() {
        @Override
        public ImageCost image(int width, int height, int maxGrids) {
            return new ImageCost(347, Map.of("grid", "2x2"), width > 1000 ? "downscaled" : null);
        }

        @Override
        public VideoCost video(int frames) {
            return new VideoCost(List.of(153, 81), 10, 2);
        }

        @Override
        public List<String> assumptions() {
            return List.of("unpad=true assumed");
        }
    };

    static LedgerRequest request(int outputReserve, int context) {
        return new LedgerRequest("Be brief.", List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello")),
                List.of(new LedgerRequest.Image("cat.jpg", 640, 480, "NAVER"), new LedgerRequest.Image("big.jpg", 4000, 3000, "")),
                List.of(new LedgerRequest.Video("clip.mp4", 12, 24.0)), "What is this?", outputReserve, context, 9);
    }

    @Test
    void everyPartIsASegmentInPromptOrderWithExactCounts() {
        HcxPromptLayout layout = HcxPromptLayout.builtIn();
        TokenLedger ledger = HcxLedger.compute(request(512, 8192), RIGGED, CHARS, layout);
        assertThat(ledger.segments()).extracting(LedgerSegment::kind).containsExactly(
                SegmentKind.TOOL_LIST, SegmentKind.SYSTEM, SegmentKind.HISTORY, SegmentKind.HISTORY,
                SegmentKind.IMAGE, SegmentKind.AUX, SegmentKind.IMAGE, SegmentKind.AUX, SegmentKind.VIDEO,
                SegmentKind.TEXT, SegmentKind.GENERATION_PROMPT, SegmentKind.OUTPUT_RESERVE);
        assertThat(ledger.segments().get(1).tokens()).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n".length());
        assertThat(ledger.segments().get(3).tokens()).isEqualTo("<|im_start|>assistant\nHello<|im_end|><|endofturn|>\n".length());
        // image: 347 visual + the mime and vector blocks without the placeholder itself
        String wrapper = "<|im_start|>user (mime)\n{\"type\": \"image/jpeg\", \"filename\": \"cat.jpg\"}<|im_end|>\n"
                + "<|im_start|>user (vector)\n<|im_end|>\n";
        assertThat(ledger.segments().get(4).tokens()).isEqualTo(347 + wrapper.length());
        assertThat(ledger.segments().get(4).detail()).containsEntry("grid", "2x2").containsEntry("visual", 347)
                .containsEntry("wrapper", wrapper.length()).containsEntry("size", "640x480");
        assertThat(ledger.segments().get(8).tokens()).isEqualTo(234 + ("<|im_start|>user (mime)\n{\"type\": \"video/mp4\", "
                + "\"filename\": \"clip.mp4\"}<|im_end|>\n<|im_start|>user (vector)\n<|im_end|>\n").length());
        assertThat(ledger.segments().get(8).detail()).containsEntry("canvases", 2).containsEntry("secondsBetweenFrames", 2.4);
        assertThat(ledger.outputReserve()).isEqualTo(512);
        assertThat(ledger.promptTokens()).isEqualTo(ledger.segments().stream()
                .filter(s -> s.kind() != SegmentKind.OUTPUT_RESERVE).mapToInt(LedgerSegment::tokens).sum());
        assertThat(ledger.fits()).isTrue();
        assertThat(ledger.estimated()).isFalse();
        assertThat(ledger.warnings()).containsExactly("big.jpg: downscaled", "clip.mp4: 2 frames over the per-video limit dropped");
        assertThat(ledger.assumptions()).first().isEqualTo("unpad=true assumed");
        assertThat(ledger.assumptions()).hasSize(1 + layout.assumptions().size());
    }

    @Test
    void overTheContextSaysByHowMuch() {
        TokenLedger fits = HcxLedger.compute(request(0, 100_000), RIGGED, CHARS, HcxPromptLayout.builtIn());
        int total = fits.totalTokens();
        TokenLedger over = HcxLedger.compute(request(0, total - 7), RIGGED, CHARS, HcxPromptLayout.builtIn());
        assertThat(over.fits()).isFalse();
        assertThat(over.overBy()).isEqualTo(7);
        TokenLedger exact = HcxLedger.compute(request(0, total), RIGGED, CHARS, HcxPromptLayout.builtIn());
        assertThat(exact.fits()).isTrue();
        assertThat(exact.overBy()).isZero();
    }

    @Test
    void withoutATokenizerTextIsMarkedEstimatedButVisualCountsStayExact() {
        TokenLedger ledger = HcxLedger.compute(request(0, 8192), RIGGED, TextCounter.estimate(), HcxPromptLayout.builtIn());
        assertThat(ledger.estimated()).isTrue();
        assertThat(ledger.warnings()).contains("text counts are estimates: no tokenizer was given (visual counts are exact)");
        assertThat(ledger.segments().get(4).detail()).containsEntry("visual", 347);
    }

    @Test
    void theRenderedPromptExpandsEachPlaceholderToItsVisualCount() {
        LedgerRequest r = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("cat.jpg", 640, 480, "NAVER \"CLOVA\"")),
                List.of(new LedgerRequest.Video("clip.mp4", 12, 24.0)), "What is this?", 0, 8192, 9);
        String prompt = HcxLedger.render(r, RIGGED, HcxPromptLayout.builtIn());
        assertThat(prompt).startsWith("<|im_start|>tool_list\n<|im_end|>\n<|im_start|>system\n<|im_end|>\n"
                + "<|im_start|>user (mime)\n{\"type\": \"image/jpeg\", \"filename\": \"cat.jpg\"}<|im_end|>\n"
                + "<|im_start|>user (vector)\n<|dummy3|><|dummy3|>");
        assertThat(prompt.split("<\\|dummy3\\|>", -1)).hasSize(347 + 1);
        assertThat(prompt.split("<\\|_unuse_missing_100270\\|>", -1)).hasSize(234 + 1);
        assertThat(prompt).contains("{\"ocr\": \"NAVER \\\"CLOVA\\\"\", \"lens_keywords\": \"\", \"lens_local_keywords\": \"\"}<|im_end|>\n");
        assertThat(prompt).endsWith("<|im_start|>user\nWhat is this?<|im_end|>\n<|im_start|>assistant\n");
        // the ledger counts exactly what is rendered: with one token per placeholder and per other character
        TextCounter perPlaceholder = new TextCounter() {
            @Override
            public int count(String text) {
                int images = countOf(text, "<|dummy3|>");
                int videos = countOf(text, "<|_unuse_missing_100270|>");
                String rest = text.replace("<|dummy3|>", "").replace("<|_unuse_missing_100270|>", "");
                return rest.length() + images + videos;
            }

            @Override
            public boolean exact() {
                return true;
            }
        };
        assertThat(HcxLedger.compute(r, RIGGED, perPlaceholder, HcxPromptLayout.builtIn()).promptTokens())
                .isEqualTo(perPlaceholder.count(prompt));
    }

    static int countOf(String text, String piece) {
        return text.split(java.util.regex.Pattern.quote(piece), -1).length - 1;
    }

    @Test
    void ocrTextIsEscapedInsideTheJsonOfTheAuxBlock() {
        assertThat(HcxLedger.jsonText("a \"b\"\n\\")).isEqualTo("a \\\"b\\\"\\n\\\\");
    }
}
