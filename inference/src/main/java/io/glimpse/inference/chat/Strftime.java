package io.glimpse.inference.chat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code strftime} for the {@code strftime_now(fmt)} that newer chat templates call to put
 * today's date in the system prompt (Llama 3.x: {@code strftime_now("%d %b %Y")}). Covers the
 * C-locale directives templates use; an unknown one is an error rather than a silent difference.
 */
final class Strftime {
    private static final Map<Character, String> PATTERNS = Map.ofEntries(
            Map.entry('Y', "yyyy"), Map.entry('y', "yy"), Map.entry('m', "MM"), Map.entry('d', "dd"),
            Map.entry('H', "HH"), Map.entry('I', "hh"), Map.entry('M', "mm"), Map.entry('S', "ss"),
            Map.entry('p', "a"), Map.entry('B', "MMMM"), Map.entry('b', "MMM"), Map.entry('A', "EEEE"),
            Map.entry('a', "EEE"), Map.entry('j', "DDD"));

    private Strftime() {
    }

    static String format(String format, LocalDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(++i);
            if (d == '%') {
                out.append('%');
                continue;
            }
            String pattern = PATTERNS.get(d);
            if (pattern == null) {
                throw new IllegalArgumentException("strftime_now: %" + d + " is not supported");
            }
            out.append(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(time));
        }
        return out.toString();
    }
}
