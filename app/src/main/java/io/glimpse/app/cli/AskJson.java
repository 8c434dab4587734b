package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.generate.GenerationResult;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.AskTimings;
import io.glimpse.inference.vision.VisionLanguageModel;
import java.util.List;

/** The {@code ask --json} object (fields documented in docs/cli.md). */
final class AskJson {
    private AskJson() {
    }

    /** @param cancelledDuring the stage a cancel request stopped ({@code cancelledDuring}), or null */
    static ObjectNode result(AskResult r, double loadMs, VisionLanguageModel m, String cancelledDuring) {
        GenerationResult g = r.generation();
        ObjectNode n = Json.object();
        n.put("text", g.text());
        ArrayNode ids = n.putArray("tokenIds");
        for (int id : g.tokenIds()) {
            ids.add(id);
        }
        n.put("finishReason", g.finishReason().name());
        if (cancelledDuring != null) {
            n.put("cancelledDuring", cancelledDuring);
        }
        n.put("promptTokens", g.promptTokens());
        n.put("generatedTokens", g.generatedTokens());
        n.set("ledger", r.ledger() == null ? null : Json.ledger(r.ledger(), m.spec().notes()));
        n.set("timings", timings(r.timings(), loadMs));
        ArrayNode warnings = n.putArray("warnings");
        r.warnings().forEach(warnings::add);
        n.put("provider", m.decoder().provider());
        if (m.decoder().fallbackReason() != null) {
            n.put("providerNote", m.decoder().fallbackReason());
        }
        if (g.error() != null) {
            n.put("error", g.error());
        }
        return n;
    }

    /**
     * The object printed when Ctrl+C found no stage able to stop in time (docs/cli.md): what is known
     * without the pipeline's result. No ledger, no token ids, no per-stage timings.
     */
    static ObjectNode cancelledEarly(String text, String cancelledDuring, double totalMs) {
        ObjectNode n = Json.object();
        n.put("text", text);
        n.putArray("tokenIds");
        n.put("finishReason", "CANCELLED");
        n.put("cancelledDuring", cancelledDuring);
        n.put("promptTokens", 0);
        n.put("generatedTokens", 0);
        n.set("ledger", null);
        n.putObject("timings").put("totalMs", Json.round(totalMs));
        n.putArray("warnings");
        return n;
    }

    static ObjectNode timings(AskTimings t, double loadMs) {
        ObjectNode n = Json.object();
        n.put("loadMs", Json.round(loadMs));
        n.put("mediaDecodeMs", Json.round(t.mediaDecodeMs()));
        n.put("preprocessMs", Json.round(t.preprocessMs()));
        n.put("visionEncodeMs", Json.round(t.visionEncodeMs()));
        n.put("stitchMs", Json.round(t.stitchMs()));
        n.put("embedMs", Json.round(t.embedMs()));
        n.put("prefillMs", Json.round(t.prefillMs()));
        n.put("timeToFirstTokenMs", Json.round(t.timeToFirstTokenMs()));
        n.put("decodeTokensPerSecond", Json.round(t.decodeTokensPerSecond()));
        n.put("decodeMs", Json.round(t.decodeMs()));
        n.put("totalMs", Json.round(t.totalMs()));
        ObjectNode runtime = n.putObject("insideRuntimeMs");
        runtime.put("visionEncode", Json.round(t.visionEncodeRuntimeMs()));
        runtime.put("embed", Json.round(t.embedRuntimeMs()));
        runtime.put("prefill", Json.round(t.prefillRuntimeMs()));
        runtime.put("decode", Json.round(t.decodeRuntimeMs()));
        n.put("outsideRuntimeShare", Json.round(t.outsideRuntimeShare()));
        return n;
    }
}
