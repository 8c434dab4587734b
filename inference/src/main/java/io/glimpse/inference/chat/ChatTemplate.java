package io.glimpse.inference.chat;

import java.util.List;

/** Turns a conversation into the exact prompt text a model was trained on. Implementations are immutable. */
public interface ChatTemplate {
    /** A short name, e.g. {@code hcx-text}. */
    String name();

    /**
     * @param messages             the conversation, oldest first
     * @param addGenerationPrompt  end with the opening of the assistant's answer
     */
    String render(List<ChatMessage> messages, boolean addGenerationPrompt);

    /** Texts that end the assistant's turn (generation stops there). */
    List<String> stopStrings();
}
