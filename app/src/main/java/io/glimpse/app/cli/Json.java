package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.glimpse.inference.ledger.LedgerSegment;
import io.glimpse.inference.ledger.TokenLedger;
import io.glimpse.media.video.VideoInfo;
import java.util.List;
import java.util.Locale;

/** JSON output of the command line; field names are a stable contract documented in docs/cli.md. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode video(VideoInfo v) {
        ObjectNode n = object();
        n.put("kind", "video");
        n.put("durationSeconds", round(v.durationSeconds()));
        n.put("durationSource", v.durationSource().id());
        n.put("averageFps", round(v.averageFps()));
        n.put("nominalFps", round(v.nominalFps()));
        n.put("frameCount", v.frameCount());
        n.put("frameCountExact", v.frameCountExact());
        n.put("variableFrameRate", v.variableFrameRate());
        n.put("width", v.width());
        n.put("height", v.height());
        n.put("rotationDegrees", v.rotationDegrees());
        n.put("displayWidth", v.displayWidth());
        n.put("displayHeight", v.displayHeight());
        n.put("codec", v.codec());
        n.put("pixelFormat", v.pixelFormat());
        n.put("container", v.container());
        n.put("hasAudio", v.hasAudio());
        return n;
    }

    static ObjectNode image(java.nio.file.Path file, io.glimpse.media.image.ImageInfo i) {
        ObjectNode n = object();
        n.put("file", file.toString());
        n.put("kind", "image");
        n.put("format", i.formatName());
        n.put("width", i.uprightWidth());
        n.put("height", i.uprightHeight());
        n.put("storedWidth", i.storedWidth());
        n.put("storedHeight", i.storedHeight());
        n.put("orientation", i.orientation());
        n.put("megapixels", round(i.pixels() / 1e6));
        return n;
    }

    /** Six decimals: microsecond precision, no float noise in the output. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** A token ledger: segments, totals, assumptions ({@code notes} first) and warnings (fields in docs/cli.md, plan). */
    static ObjectNode ledger(TokenLedger ledger, List<String> notes) {
        ObjectNode n = Json.object();
        ArrayNode segments = n.putArray("segments");
        for (LedgerSegment s : ledger.segments()) {
            ObjectNode x = segments.addObject();
            x.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
            x.put("source", s.source());
            x.put("tokens", s.tokens());
            x.put("estimated", s.estimated());
            x.set("detail", Json.MAPPER.valueToTree(s.detail()));
        }
        n.put("promptTokens", ledger.promptTokens());
        n.put("visualTokens", ledger.visualTokens());
        n.put("contextLength", ledger.contextLength());
        n.put("outputReserve", ledger.outputReserve());
        n.put("fits", ledger.fits());
        n.put("overBy", ledger.overBy());
        n.put("estimated", ledger.estimated());
        ArrayNode assumptions = n.putArray("assumptions");
        notes.forEach(assumptions::add);
        ledger.assumptions().forEach(assumptions::add);
        ArrayNode warnings = n.putArray("warnings");
        ledger.warnings().forEach(warnings::add);
        return n;
    }
}
