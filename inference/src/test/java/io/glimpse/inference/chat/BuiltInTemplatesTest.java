package io.glimpse.inference.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact prompt strings of the built-in templates (shared/docs/hcx-spec.md §7.1, §8, §9). */
class BuiltInTemplatesTest {
    static final ChatTemplate HCX = BuiltInTemplates.named("hcx-text").orElseThrow();
    static final ChatTemplate EXAONE = BuiltInTemplates.named("exaone-3").orElseThrow();

    @Test
    void hcxTextEmitsEmptyToolListAndSystemBlocksFirst() {
        assertThat(HCX.render(List.of(ChatMessage.user("안녕?")), true)).isEqualTo(
                "<|im_start|>tool_list\n<|im_end|>\n<|im_start|>system\n<|im_end|>\n"
                        + "<|im_start|>user\n안녕?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void hcxTextKeepsAGivenSystemPromptAndReFeedsPastAnswersWithEndOfTurn() {
        String prompt = HCX.render(List.of(ChatMessage.system("You are a helpful assistant."),
                ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"), ChatMessage.user("Bye")), true);
        assertThat(prompt).isEqualTo("<|im_start|>tool_list\n<|im_end|>\n"
                + "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello!<|im_end|><|endofturn|>\n"
                + "<|im_start|>user\nBye<|im_end|>\n"
                + "<|im_start|>assistant\n");
        assertThat(HCX.stopStrings()).containsExactly("<|endofturn|>", "<|stop|>");
    }

    @Test
    void exaoneAddsAnEmptySystemBlockWhenNoneIsGiven() {
        assertThat(EXAONE.render(List.of(ChatMessage.user("Hi")), true))
                .isEqualTo("[|system|][|endofturn|]\n[|user|]Hi\n[|assistant|]");
        assertThat(EXAONE.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello"), ChatMessage.user("Again")), false))
                .isEqualTo("[|system|]Be brief.[|endofturn|]\n[|user|]Hi\n[|assistant|]Hello[|endofturn|]\n[|user|]Again\n");
        assertThat(EXAONE.stopStrings()).containsExactly("[|endofturn|]");
    }

    @Test
    void anUnknownRoleIsAClearError() {
        assertThatThrownBy(() -> EXAONE.render(List.of(ChatMessage.user("a"), new ChatMessage("tool", "x")), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the exaone-3 template has no role 'tool' (it knows [system, user, assistant])");
    }
}
