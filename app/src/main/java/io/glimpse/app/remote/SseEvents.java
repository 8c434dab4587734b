package io.glimpse.app.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles server-sent events from lines, as the SSE spec reads them: {@code data:} lines are
 * joined with newlines until a blank line ends the event; comments ({@code :...}) and the other
 * fields ({@code event}, {@code id}, {@code retry}) are skipped. Not thread-safe: one per stream.
 */
final class SseEvents {
    private final List<String> data = new ArrayList<>();

    /** Feeds one line (without its line break); returns a completed event's data, or null. */
    String line(String line) {
        if (line.isEmpty()) {
            return flush();
        }
        if (line.startsWith(":")) {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            data.add(value);
        }
        return null;
    }

    /** The pending event at the end of the stream (a server that omits the last blank line), or null. */
    String flush() {
        if (data.isEmpty()) {
            return null;
        }
        String event = String.join("\n", data);
        data.clear();
        return event;
    }
}
