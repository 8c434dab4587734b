package io.glimpse.app.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The outcomes of an experiment as text: table cells, CSV. Stateless. */
public final class ExperimentTable {
    /** The CSV header, one column per {@link #csvRow} cell. */
    public static final List<String> CSV_HEADER = List.of("label", "budget", "frames", "grids", "visual_tokens", "prompt_tokens",
            "generated_tokens", "ttft_ms", "total_ms", "tokens_per_second", "finish_reason", "run_id", "answer");

    private ExperimentTable() {
    }

    /** Frames per video, "8" or "8 4"; "-" without video. */
    public static String frames(Outcome o) {
        return o.frames().isEmpty() ? "-" : o.frames().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /** The grid limit, "model's" for 0. */
    public static String grids(Outcome o) {
        return o.grids() == 0 ? "model's" : String.valueOf(o.grids());
    }

    /** Milliseconds without decimals, "-" for none. */
    public static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** Tokens per second with one decimal, "-" for none. */
    public static String rate(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    public static List<String> csvRow(Outcome o) {
        return List.of(o.point().label(), o.point().budget() == null ? "" : String.valueOf(o.point().budget()), frames(o),
                String.valueOf(o.grids()), String.valueOf(o.visualTokens()), String.valueOf(o.promptTokens()),
                String.valueOf(o.generatedTokens()), o.ttftMs() == null ? "" : ms(o.ttftMs()), ms(o.totalMs()),
                o.tokensPerSecond() == null ? "" : rate(o.tokensPerSecond()), o.finishReason(),
                o.recordId() == 0 ? "" : String.valueOf(o.recordId()), o.error() != null ? o.answer() + " [" + o.error() + "]" : o.answer());
    }

    /** RFC 4180: a header line, then one line per outcome; cells with a comma, quote or line break are quoted. */
    public static String csv(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        line(b, CSV_HEADER);
        for (Outcome o : outcomes) {
            line(b, csvRow(o));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
                    ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        b.append(String.join(",", quoted)).append("\r\n");
    }
}
