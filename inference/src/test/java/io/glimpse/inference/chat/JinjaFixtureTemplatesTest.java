package io.glimpse.inference.chat;

import static io.glimpse.inference.chat.ChatMessage.assistant;
import static io.glimpse.inference.chat.ChatMessage.system;
import static io.glimpse.inference.chat.ChatMessage.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The chat templates that real model folders carry (shared/fixtures), rendered by
 * {@link JinjaChatTemplate}, against prompts worked out by hand from each template's text. The
 * same strings come out of Python Jinja2 with Hugging Face's settings (checked once, off-line).
 */
class JinjaFixtureTemplatesTest {
    static final List<ChatMessage> SINGLE = List.of(user("Hi"));
    static final List<ChatMessage> WITH_SYSTEM = List.of(system("Be brief."), user("Hi"));
    static final List<ChatMessage> MULTI = List.of(system("Be brief."), user("Hi"), assistant("Hello"), user("Again"));
    static final List<ChatMessage> KOREAN = List.of(user("안녕하세요 😀👍🏽 한국어"));
    static final List<ChatMessage> SPACES = List.of(user("  Hi there \n"), assistant(" Hello\n"), user("\tAgain  "));
    static final List<List<ChatMessage>> ALL = List.of(SINGLE, WITH_SYSTEM, MULTI, KOREAN, SPACES);

    static JinjaChatTemplate fixture(String folder) throws Exception {
        String root = System.getProperty("glimpse.repoRoot");
        Path dir = root == null ? null : Path.of(root, "..", "shared", "fixtures", folder).normalize();
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "fixture folder shared/fixtures/" + folder + " is absent");
        return JinjaChatTemplate.fromTokenizerConfig(dir).orElseThrow();
    }

    // HCX-SEED 0.5B: "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']
    // + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
    // (after defaulting add_generation_prompt when undefined). Plain ChatML, content verbatim (no strip).
    // Unlike the built-in hcx-text (model card: empty tool_list and system blocks first, <|endofturn|>
    // after past answers), the folder's template emits only the given messages; both are expected.
    @Test
    void hyperclovaxSeedIsPlainChatMl() throws Exception {
        ChatTemplate t = fixture("hyperclovax-seed-text-0.5b");
        assertThat(t.render(SINGLE, true)).isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.render(SINGLE, false)).isEqualTo("<|im_start|>user\nHi<|im_end|>\n");
        assertThat(t.render(WITH_SYSTEM, true)).isEqualTo(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.render(MULTI, false)).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n<|im_start|>user\nAgain<|im_end|>\n");
        assertThat(t.render(KOREAN, true)).isEqualTo("<|im_start|>user\n안녕하세요 😀👍🏽 한국어<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.render(SPACES, false)).isEqualTo("<|im_start|>user\n  Hi there \n<|im_end|>\n"
                + "<|im_start|>assistant\n Hello\n<|im_end|>\n<|im_start|>user\n\tAgain  <|im_end|>\n");
        for (List<ChatMessage> conversation : ALL) {
            assertThat(t.render(conversation, true)).isEqualTo(chatMl(conversation) + "<|im_start|>assistant\n");
        }
        assertThat(t.stopStrings()).containsExactly("<|endofturn|>"); // eos_token
        assertThat(t.name()).isEqualTo("hyperclovax-seed-text-0.5b");
    }

    /** Hand-written ChatML, the spec the HCX folder's template follows. */
    private static String chatMl(List<ChatMessage> conversation) {
        StringBuilder b = new StringBuilder();
        conversation.forEach(m -> b.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n"));
        return b.toString();
    }

    // EXAONE 3.5: for each message, "[|system|][|endofturn|]\n" first when loop.first and the role is not
    // system; then '[|' + role + '|]' + content; then '\n' after a user turn, '[|endofturn|]\n' otherwise.
    // Generation prompt '[|assistant|]'. Content verbatim, so a trailing "\n" of a user turn doubles.
    @Test
    void exaoneAddsAnEmptySystemTurnAndEndsTurnsPerRole() throws Exception {
        ChatTemplate t = fixture("exaone-3.5-tokenizer");
        assertThat(t.render(SINGLE, true)).isEqualTo("[|system|][|endofturn|]\n[|user|]Hi\n[|assistant|]");
        assertThat(t.render(SINGLE, false)).isEqualTo("[|system|][|endofturn|]\n[|user|]Hi\n");
        assertThat(t.render(WITH_SYSTEM, true)).isEqualTo("[|system|]Be brief.[|endofturn|]\n[|user|]Hi\n[|assistant|]");
        assertThat(t.render(MULTI, true)).isEqualTo("[|system|]Be brief.[|endofturn|]\n[|user|]Hi\n"
                + "[|assistant|]Hello[|endofturn|]\n[|user|]Again\n[|assistant|]");
        assertThat(t.render(KOREAN, false)).isEqualTo("[|system|][|endofturn|]\n[|user|]안녕하세요 😀👍🏽 한국어\n");
        assertThat(t.render(SPACES, true)).isEqualTo("[|system|][|endofturn|]\n[|user|]  Hi there \n\n"
                + "[|assistant|] Hello\n[|endofturn|]\n[|user|]\tAgain  \n[|assistant|]");
        assertThat(t.stopStrings()).containsExactly("[|endofturn|]");
    }

    // The built-in exaone-3 template encodes the same spec as data; both must agree on every conversation.
    @Test
    void exaoneFolderTemplateEqualsTheBuiltIn() throws Exception {
        ChatTemplate jinja = fixture("exaone-3.5-tokenizer");
        ChatTemplate builtIn = BuiltInTemplates.named("exaone-3").orElseThrow();
        for (List<ChatMessage> conversation : ALL) {
            for (boolean prompt : new boolean[] {true, false}) {
                assertThat(jinja.render(conversation, prompt)).isEqualTo(builtIn.render(conversation, prompt));
            }
        }
        assertThat(jinja.stopStrings()).isEqualTo(builtIn.stopStrings());
    }

    // Phi-3-V dummy: '<|' + role + '|>' + '\n' + content + '<|end|>\n' per message; then, only when
    // add_generation_prompt and the last message is not the assistant's, {{- '<|assistant|>\n' -}}
    // (the dashes trim nothing here: no text around the tag).
    @Test
    void phi3vSkipsTheGenerationPromptAfterAnAnswer() throws Exception {
        ChatTemplate t = fixture("ort-genai/phi3-v-dummy");
        assertThat(t.render(SINGLE, true)).isEqualTo("<|user|>\nHi<|end|>\n<|assistant|>\n");
        assertThat(t.render(SINGLE, false)).isEqualTo("<|user|>\nHi<|end|>\n");
        assertThat(t.render(WITH_SYSTEM, true)).isEqualTo("<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\n");
        assertThat(t.render(MULTI, false)).isEqualTo("<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n"
                + "<|assistant|>\nHello<|end|>\n<|user|>\nAgain<|end|>\n");
        assertThat(t.render(KOREAN, true)).isEqualTo("<|user|>\n안녕하세요 😀👍🏽 한국어<|end|>\n<|assistant|>\n");
        assertThat(t.render(SPACES, true)).isEqualTo("<|user|>\n  Hi there \n<|end|>\n<|assistant|>\n Hello\n<|end|>\n"
                + "<|user|>\n\tAgain  <|end|>\n<|assistant|>\n");
        assertThat(t.render(List.of(user("Hi"), assistant("Hello")), true)).isEqualTo("<|user|>\nHi<|end|>\n<|assistant|>\nHello<|end|>\n");
        // eos_token is <|endoftext|>; Phi-3 actually ends turns with <|end|>, which the eos rule misses.
        assertThat(t.stopStrings()).containsExactly("<|endoftext|>");
    }

    // Llama-2 style: a leading system message is folded into the first user turn as
    // '<<SYS>>\n' + system + '\n<</SYS>>\n\n' + content; USE_DEFAULT_PROMPT is undefined, so the
    // `not '<<SYS>>' in ...` branch is skipped and system_message = false otherwise. User turns:
    // bos + '[INST] ' + content.strip() + ' [/INST]'; assistant turns: ' ' + content.strip() + ' ' + eos.
    // add_generation_prompt is never read. Roles must alternate user/assistant, else raise_exception.
    @Test
    void llama2StripsContentFoldsTheSystemPromptAndChecksAlternation() throws Exception {
        ChatTemplate t = fixture("ort-genai/tiny-random-llama-fp16");
        assertThat(t.render(SINGLE, true)).isEqualTo("<s>[INST] Hi [/INST]");
        assertThat(t.render(SINGLE, false)).isEqualTo("<s>[INST] Hi [/INST]");
        assertThat(t.render(WITH_SYSTEM, true)).isEqualTo("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST]");
        assertThat(t.render(MULTI, true)).isEqualTo("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello </s><s>[INST] Again [/INST]");
        assertThat(t.render(KOREAN, true)).isEqualTo("<s>[INST] 안녕하세요 😀👍🏽 한국어 [/INST]");
        assertThat(t.render(SPACES, true)).isEqualTo("<s>[INST] Hi there [/INST] Hello </s><s>[INST] Again [/INST]");
        assertThatThrownBy(() -> t.render(List.of(user("a"), user("b")), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conversation roles must alternate user/assistant/user/assistant/...");
        assertThat(t.stopStrings()).containsExactly("</s>");
    }
}
