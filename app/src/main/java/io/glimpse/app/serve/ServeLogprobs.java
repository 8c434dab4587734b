package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.generate.TokenLogprobs;
import io.glimpse.inference.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI's {@code choices[].logprobs}: {@code {"content": [{token, logprob, bytes, top_logprobs}]}}. */
final class ServeLogprobs {
    private ServeLogprobs() {
    }

    static ObjectNode json(List<TokenLogprobs> tokens, int top, Tokenizer tokenizer) {
        ObjectNode root = GlimpseServer.MAPPER.createObjectNode();
        ArrayNode content = root.putArray("content");
        for (TokenLogprobs t : tokens) {
            ObjectNode n = entry(content.addObject(), t.piece(), t.logprob());
            ArrayNode alternatives = n.putArray("top_logprobs");
            for (TokenLogprobs.Candidate c : t.top().subList(0, Math.min(top, t.top().size()))) {
                entry(alternatives.addObject(), tokenizer.decode(new int[] {c.id()}, false), c.logprob());
            }
        }
        return root;
    }

    private static ObjectNode entry(ObjectNode n, String token, double logprob) {
        n.put("token", token);
        n.put("logprob", logprob);
        ArrayNode bytes = n.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return n;
    }
}
