package io.glimpse.inference.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chat template where every message renders as {@code prefix(role) + content + suffix(role)},
 * with blocks that are emitted first when the conversation lacks them (an empty system block, for
 * example). Both built-in families (HCX ChatML, EXAONE) have this shape; their data lives in
 * {@code builtin-templates.json}. Immutable and thread-safe.
 *
 * @param name              template name
 * @param alwaysFirst       blocks emitted before the conversation unless it starts with the same role
 * @param roles             prefix and suffix per role
 * @param generationPrompt  opening of the assistant's answer
 * @param stopStrings       texts that end the assistant's turn
 */
public record RoleBlockTemplate(String name, List<ChatMessage> alwaysFirst, Map<String, Block> roles,
                                String generationPrompt, List<String> stopStrings) implements ChatTemplate {

    /** What surrounds a message's content. */
    public record Block(String prefix, String suffix) {
    }

    public RoleBlockTemplate {
        alwaysFirst = List.copyOf(alwaysFirst);
        roles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles)); // keeps the order for messages
        stopStrings = List.copyOf(stopStrings);
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<ChatMessage> all = new ArrayList<>();
        // Default blocks come first, in order, unless the conversation provides that role there itself.
        int next = 0;
        for (ChatMessage fixed : alwaysFirst) {
            if (next < messages.size() && messages.get(next).role().equals(fixed.role())) {
                all.add(messages.get(next++));
            } else {
                all.add(fixed);
            }
        }
        all.addAll(messages.subList(next, messages.size()));
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : all) {
            Block block = roles.get(m.role());
            if (block == null) {
                throw new IllegalArgumentException("the " + name + " template has no role '" + m.role()
                        + "' (it knows " + roles.keySet() + ")");
            }
            out.append(block.prefix()).append(m.content()).append(block.suffix());
        }
        if (addGenerationPrompt) {
            out.append(generationPrompt);
        }
        return out.toString();
    }
}
