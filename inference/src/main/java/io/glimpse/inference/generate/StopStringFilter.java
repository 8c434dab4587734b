package io.glimpse.inference.generate;

import java.util.List;

/**
 * Streams text while watching for stop strings that may arrive split across pieces. Text that
 * could be the start of a stop string is held back until it is clear either way, so a listener
 * never sees any part of a stop string. Not thread-safe (one per generation).
 */
final class StopStringFilter {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopStringFilter(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds {@code piece}; returns the text now safe to emit (possibly empty). */
    String accept(String piece) {
        if (stopped) {
            return "";
        }
        pending.append(piece);
        int cut = earliestStop();
        if (cut >= 0) {
            stopped = true;
            String out = pending.substring(0, cut);
            pending.setLength(0);
            return out;
        }
        int keep = longestStopPrefixAtEnd();
        String out = pending.substring(0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return out;
    }

    /** Whether a stop string was seen. */
    boolean stopped() {
        return stopped;
    }

    /** The held-back text at the end of generation (no stop string completed). */
    String flush() {
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }

    private int earliestStop() {
        int best = -1;
        for (String s : stops) {
            int at = pending.indexOf(s);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    private boolean endsWithPrefix(String stop, int len) {
        int from = pending.length() - len;
        for (int i = 0; i < len; i++) {
            if (pending.charAt(from + i) != stop.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Length of the longest suffix of pending that is a proper prefix of some stop string. */
    private int longestStopPrefixAtEnd() {
        int best = 0;
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, pending.length()); len > best; len--) {
                if (endsWithPrefix(s, len)) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }
}
