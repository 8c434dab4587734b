package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.app.plan.PromptText;
import java.io.PrintWriter;

/** How {@code plan --show-prompt} prints a {@link PromptText}: between marker lines, or as a JSON object. */
final class PromptOutput {
    private PromptOutput() {
    }

    /**
     * The collapsed text between two marker lines, so leading and trailing newlines stay visible; the
     * first says how many tokens and how they were counted.
     */
    static void print(PrintWriter out, PromptText p) {
        out.printf("--- the prompt as the model sees it: %d tokens%s; runs of a placeholder shown as TOKEN ×N ---%n",
                p.tokens(), p.exact() ? " (the model's tokenizer)" : " (estimated: no tokenizer)");
        out.print(p.collapsed());
        if (!p.text().endsWith("\n")) {
            out.println();
        }
        out.println("--- end of the prompt ---");
    }

    /** {@code text} exact, {@code collapsed}, {@code tokens}, {@code exact}, and {@code ids} when exact (docs/cli.md). */
    static ObjectNode json(PromptText p) {
        ObjectNode n = Json.object();
        n.put("text", p.text());
        n.put("collapsed", p.collapsed());
        n.put("tokens", p.tokens());
        n.put("exact", p.exact());
        if (p.exact()) {
            ArrayNode ids = n.putArray("ids");
            for (int id : p.ids()) {
                ids.add(id);
            }
        }
        return n;
    }
}
