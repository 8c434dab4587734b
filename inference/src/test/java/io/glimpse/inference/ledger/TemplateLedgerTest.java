package io.glimpse.inference.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glimpse.inference.chat.JinjaChatTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's own multimodal Jinja template drives the ledger; its segments add up to the rendered prompt. */
class TemplateLedgerTest {
    /**
     * A multimodal ChatML template written for this test in the style of the HCX reconstructions
     * (no public 3B template exists): image parts become a mime block and a vector block holding
     * the placeholder, video parts likewise.
     */
    static final String TEMPLATE = "{% for message in messages %}"
            + "{% if message['content'] is string %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
            + "{% else %}{% for part in message['content'] %}"
            + "{% if part['type'] == 'image' %}{{ '<|im_start|>user (mime)\\n{\"filename\": \"' + part['filename'] + '\"}<|im_end|>\\n<|im_start|>user (vector)\\n<|dummy3|><|im_end|>\\n' }}"
            + "{% elif part['type'] == 'video' %}{{ '<|im_start|>user (vector)\\n<|_unuse_missing_100270|><|im_end|>\\n' }}"
            + "{% else %}{{ '<|im_start|>user\\n' + part['text'] + '<|im_end|>\\n' }}{% endif %}"
            + "{% endfor %}{% endif %}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    @TempDir
    Path tmp;

    JinjaChatTemplate template(String source) throws Exception {
        Files.writeString(tmp.resolve("tokenizer_config.json"), JsonText.object("chat_template", source));
        return JinjaChatTemplate.fromTokenizerConfig(tmp).orElseThrow();
    }

    @Test
    void segmentsAreTheTokensEachPartAddsAndSumToTheExpandedPrompt() throws Exception {
        JinjaChatTemplate t = template(TEMPLATE);
        LedgerRequest r = new LedgerRequest("Be brief.", List.of(),
                List.of(new LedgerRequest.Image("cat.jpg", 640, 480, "")), List.of(new LedgerRequest.Video("clip.mp4", 10, 20)),
                "What is this?", 100, 8192, 9);
        TokenLedger ledger = TemplateLedger.compute(r, t, HcxLedgerTest.RIGGED, HcxLedgerTest.CHARS, "<|dummy3|>", "<|_unuse_missing_100270|>");
        assertThat(ledger.segments()).extracting(LedgerSegment::kind).containsExactly(SegmentKind.SYSTEM, SegmentKind.IMAGE,
                SegmentKind.VIDEO, SegmentKind.TEXT, SegmentKind.GENERATION_PROMPT, SegmentKind.OUTPUT_RESERVE);
        String image = "<|im_start|>user (mime)\n{\"filename\": \"cat.jpg\"}<|im_end|>\n<|im_start|>user (vector)\n<|im_end|>\n";
        assertThat(ledger.segments().get(1).tokens()).isEqualTo(image.length() + 347);
        assertThat(ledger.segments().get(2).tokens()).isEqualTo("<|im_start|>user (vector)\n<|im_end|>\n".length() + 234);
        // the same detail fields as the built-in layout's ledger (docs/cli.md)
        assertThat(ledger.segments().get(1).detail()).containsEntry("size", "640x480").containsEntry("grid", "2x2");
        assertThat(ledger.segments().get(2).detail()).containsEntry("frames", 10).containsEntry("secondsBetweenFrames", 2.0);
        assertThat(ledger.warnings()).containsExactly("clip.mp4: 2 frames over the per-video limit dropped");
        String full = t.renderMessages(List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", List.of(
                Map.of("type", "image", "filename", "cat.jpg"), Map.of("type", "video", "filename", "clip.mp4"),
                Map.of("type", "text", "text", "What is this?")))), true);
        int expanded = full.length() - "<|dummy3|>".length() + 347 - "<|_unuse_missing_100270|>".length() + 234;
        assertThat(ledger.promptTokens()).isEqualTo(expanded);
    }

    @Test
    void aTextOnlyTemplateIsRecognisedAsPlacingNoMedia() throws Exception {
        JinjaChatTemplate plain = template("{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}");
        LedgerRequest r = new LedgerRequest(null, List.of(), List.of(new LedgerRequest.Image("a.jpg", 64, 64, "")), List.of(),
                "?", 0, 4096, 9);
        assertThatThrownBy(() -> TemplateLedger.compute(r, plain, HcxLedgerTest.RIGGED, HcxLedgerTest.CHARS, "<|dummy3|>", "<|v|>"))
                .isInstanceOf(TemplateLedger.NoMediaPlaceholders.class)
                .hasMessage("the folder's chat template rendered 0 <|dummy3|> placeholders for 1 image");
    }

    /** Writes a one-field JSON object with Jackson, so the template text is escaped correctly. */
    static final class JsonText {
        static String object(String key, String value) throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(key, value));
        }
    }

}
