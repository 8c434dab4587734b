package io.glimpse.inference.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glimpse.inference.chat.BuiltInTemplates;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.chat.ChatTemplate;
import io.glimpse.inference.chat.ChatTemplates;
import io.glimpse.inference.tokenizer.Tokenizer;
import io.glimpse.inference.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text ledger against real tokenizers. The EXAONE counts were computed independently with a
 * plain Python GPT-2 BPE over the fixture's vocab.json / merges.txt (added tokens split first).
 */
class TextLedgerTest {
    private static Path fixture(String name) {
        String root = System.getProperty("glimpse.repoRoot");
        assumeTrue(root != null, "glimpse.repoRoot not set");
        Path dir = Path.of(root).resolve("../shared/fixtures").resolve(name).normalize();
        assumeTrue(Files.isDirectory(dir), "fixtures not found: " + dir);
        return dir;
    }

    private static LedgerRequest request(String system, List<ChatMessage> history, String prompt) {
        return new LedgerRequest(system, history, List.of(), List.of(), prompt, 100, 4096, 1);
    }

    @Test
    void exaoneFolderTemplateSegmentsSumToTheRenderedPrompt() throws Exception {
        Path folder = fixture("exaone-3.5-tokenizer");
        try (Tokenizer tok = Tokenizers.open(folder)) {
            ChatTemplate template = ChatTemplates.forFolder(folder, null, null, tok).orElseThrow();
            LedgerRequest r = request("You are helpful.", List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!")), "What is 2+2?");
            TokenLedger ledger = TextLedger.compute(r, template, TextCounter.of(tok));
            assertThat(ledger.segments()).extracting(LedgerSegment::kind).containsExactly(SegmentKind.SYSTEM, SegmentKind.HISTORY,
                    SegmentKind.HISTORY, SegmentKind.TEXT, SegmentKind.GENERATION_PROMPT, SegmentKind.OUTPUT_RESERVE);
            assertThat(ledger.segments()).extracting(LedgerSegment::tokens).containsExactly(11, 7, 10, 13, 6, 100);
            String rendered = TextLedger.render(r, template);
            assertThat(rendered).isEqualTo("[|system|]You are helpful.[|endofturn|]\n[|user|]Hi\n[|assistant|]Hello![|endofturn|]\n"
                    + "[|user|]What is 2+2?\n[|assistant|]");
            assertThat(ledger.promptTokens()).isEqualTo(47).isEqualTo(tok.encode(rendered, false).length);
            assertThat(ledger.totalTokens()).isEqualTo(147);
            assertThat(ledger.fits()).isTrue();
            assertThat(ledger.estimated()).isFalse();
            assertThat(ledger.warnings()).isEmpty();
        }
    }

    @Test
    void overTheContextSaysByHowMuch() throws Exception {
        Path folder = fixture("exaone-3.5-tokenizer");
        try (Tokenizer tok = Tokenizers.open(folder)) {
            ChatTemplate template = ChatTemplates.forFolder(folder, null, null, tok).orElseThrow();
            LedgerRequest r = new LedgerRequest("You are helpful.", List.of(), List.of(), List.of(), "What is 2+2?", 10, 30, 1);
            TokenLedger ledger = TextLedger.compute(r, template, TextCounter.of(tok));
            assertThat(ledger.promptTokens()).isEqualTo(tok.encode(TextLedger.render(r, template), false).length).isEqualTo(30);
            assertThat(ledger.fits()).isFalse();
            assertThat(ledger.overBy()).isEqualTo(10);
        }
    }

    @Test
    void builtInHcxTextTemplatePutsItsPreambleInTheFirstSegment() {
        ChatTemplate hcx = BuiltInTemplates.named("hcx-text").orElseThrow();
        LedgerRequest r = request(null, List.of(), "Hi");
        TokenLedger ledger = TextLedger.compute(r, hcx, TextCounter.estimate());
        assertThat(TextLedger.render(r, hcx)).isEqualTo("<|im_start|>tool_list\n<|im_end|>\n<|im_start|>system\n<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(ledger.segments()).extracting(LedgerSegment::kind)
                .containsExactly(SegmentKind.TEXT, SegmentKind.GENERATION_PROMPT, SegmentKind.OUTPUT_RESERVE);
        assertThat(ledger.promptTokens()).isEqualTo(TextCounter.estimate().count(TextLedger.render(r, hcx)));
        assertThat(ledger.estimated()).isTrue();
    }

    @Test
    void withoutATemplateTheLedgerIsTheRawPromptWithBos() throws Exception {
        try (Tokenizer tok = Tokenizers.open(fixture("llama2c"))) {
            TokenLedger ledger = TextLedger.compute(request(null, List.of(), "Once upon a time"), null, TextCounter.of(tok));
            assertThat(ledger.segments()).extracting(LedgerSegment::kind).containsExactly(SegmentKind.TEXT, SegmentKind.OUTPUT_RESERVE);
            assertThat(ledger.promptTokens()).isEqualTo(5); // BOS 1 + 403, 407, 261, 378
            assertThat(ledger.segments().get(0).detail()).containsEntry("special", 1);
            assertThat(ledger.warnings()).containsExactly(TextLedger.NO_TEMPLATE);
        }
    }

    @Test
    void mediaIsRefused() {
        LedgerRequest r = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("a.jpg", 10, 10, "")), List.of(), "?", 0, 10, 1);
        assertThatThrownBy(() -> TextLedger.compute(r, null, TextCounter.estimate()))
                .hasMessage("a text model takes no images or videos: remove them, or choose a vision model");
    }
}
