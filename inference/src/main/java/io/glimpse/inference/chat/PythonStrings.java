package io.glimpse.inference.chat;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python {@code str} methods for Jinjava. Hugging Face chat templates are Jinja2 running on Python,
 * so they call {@code message['content'].strip()}, {@code .startswith('x')}, {@code .split()} and
 * index strings ({@code s[0]}); Jinjava would instead look for Java methods of {@link String} (none,
 * or ones with other semantics, such as a regex {@code split}) and fail or print nothing. This
 * resolver answers those calls first, with Python semantics (whitespace = Python's
 * {@code str.isspace}, indexes count code points). Anything else falls through to Jinjava.
 */
final class PythonStrings extends ELResolver {
    static final Set<String> METHODS = Set.of("strip", "lstrip", "rstrip", "startswith", "endswith", "split",
            "upper", "lower", "title", "capitalize", "find", "join", "replace");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name) || !METHODS.contains(name)) {
            return null;
        }
        Object[] p = params == null ? new Object[0] : params;
        Object result = switch (name) {
            case "strip" -> strip(s, arg(p, 0), true, true);
            case "lstrip" -> strip(s, arg(p, 0), true, false);
            case "rstrip" -> strip(s, arg(p, 0), false, true);
            case "startswith" -> anyOf(p, s::startsWith);
            case "endswith" -> anyOf(p, s::endsWith);
            case "split" -> split(s, arg(p, 0), p.length > 1 ? ((Number) p[1]).intValue() : -1);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s
                    : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                    + s.substring(s.offsetByCodePoints(0, 1)).toLowerCase(Locale.ROOT);
            case "find" -> {
                int i = s.indexOf(String.valueOf(p[0]));
                yield (long) (i < 0 ? -1 : s.codePointCount(0, i));
            }
            case "join" -> join(s, p[0]);
            case "replace" -> s.replace(String.valueOf(p[0]), String.valueOf(p[1]));
            default -> throw new IllegalStateException(name);
        };
        context.setPropertyResolved(true);
        return result;
    }

    /** {@code s[i]}: one code point, negative indexes from the end, as in Python. */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        // Jinjava hands over s[0] with the index as a Number or already as the text "0".
        Integer n = property instanceof Number num ? Integer.valueOf(num.intValue())
                : property instanceof String p && p.matches("-?\\d{1,9}") ? Integer.valueOf(p) : null;
        if (base instanceof String s && n != null) {
            int count = s.codePointCount(0, s.length());
            int i = n < 0 ? count + n : n;
            if (i < 0 || i >= count) {
                throw new IllegalArgumentException("string index " + n + " out of range for a text of " + count);
            }
            int start = s.offsetByCodePoints(0, i);
            context.setPropertyResolved(true);
            return s.substring(start, s.offsetByCodePoints(start, 1));
        }
        return null;
    }

    static boolean isSpace(int cp) {
        // Python's str.isspace(): Unicode whitespace, which also covers U+00A0 and U+0085 (Java's isWhitespace does not).
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    static String strip(String s, Object chars, boolean left, boolean right) {
        String set = chars == null ? null : chars.toString();
        int start = 0;
        int end = s.length();
        while (left && start < end && strippable(s.codePointAt(start), set)) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && strippable(s.codePointBefore(end), set)) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean strippable(int cp, String set) {
        return set == null ? isSpace(cp) : set.indexOf(cp) >= 0;
    }

    private static Object arg(Object[] p, int i) {
        return i < p.length ? p[i] : null;
    }

    private static boolean anyOf(Object[] p, java.util.function.Predicate<String> test) {
        // Python accepts a tuple of alternatives: s.startswith(('a', 'b')).
        if (p.length > 0 && p[0] instanceof Collection<?> c) {
            return c.stream().anyMatch(o -> test.test(String.valueOf(o)));
        }
        return p.length > 0 && test.test(String.valueOf(p[0]));
    }

    /** Python's split: literal separator, keeps empty pieces; no separator = split on whitespace runs. */
    static List<String> split(String s, Object sep, int maxSplit) {
        List<String> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i >= s.length()) {
                    break;
                }
                if (maxSplit >= 0 && out.size() == maxSplit) {
                    out.add(strip(s.substring(i), null, false, true));
                    return out;
                }
                int j = i;
                while (j < s.length() && !isSpace(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        String d = sep.toString();
        if (d.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || out.size() < maxSplit) && (at = s.indexOf(d, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + d.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            b.appendCodePoint(prevCased ? Character.toLowerCase(cp) : Character.toTitleCase(cp));
            prevCased = Character.isLetter(cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static String join(String sep, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> it) {
            it.forEach(o -> parts.add(String.valueOf(o)));
        } else {
            throw new IllegalArgumentException("join needs a list");
        }
        return String.join(sep, parts);
    }

    // Read-only, and only for the cases above: the remaining ELResolver duties fall through.
    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
