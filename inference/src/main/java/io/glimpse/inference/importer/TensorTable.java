package io.glimpse.inference.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a checkpoint naming table into tensor names and shapes. One tensor pattern a line:
 * <pre>
 *   model.layers.{i&lt;layers}.mlp.{gate,up}_proj.weight  intermediate hidden
 *   model.norm.weight                                  hidden norm
 *   lm_head.weight                                     vocab hidden  if untied
 * </pre>
 * A name part {@code {i<sym}} repeats for 0 … sym−1, {@code {a,b}} for each listed word; the
 * dimensions are symbols or numbers; {@code norm} marks a normalisation weight (drawn around 1),
 * {@code if flag} keeps the line only when the flag is true. Blank lines and {@code #} comments are
 * skipped. Stateless.
 */
final class TensorTable {
    /** One tensor's shape, and whether it is a norm weight. */
    record Spec(long[] shape, boolean norm) {
    }

    private TensorTable() {
    }

    /** Every tensor of the table, in table order, each name prefixed. */
    static Map<String, Spec> expand(String table, String prefix, Map<String, Long> dims, Map<String, Boolean> flags) {
        Map<String, Spec> out = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] tokens = text.split("\\s+");
            List<Long> shape = new ArrayList<>();
            boolean norm = false;
            boolean keep = true;
            for (int t = 1; t < tokens.length; t++) {
                String token = tokens[t];
                if (token.equals("norm")) {
                    norm = true;
                } else if (token.equals("if")) {
                    keep = flag(flags, tokens[++t], text);
                } else {
                    shape.add(token.chars().allMatch(Character::isDigit) ? Long.parseLong(token) : dim(dims, token, text));
                }
            }
            if (keep) {
                long[] dimsOf = shape.stream().mapToLong(Long::longValue).toArray();
                for (String name : names(tokens[0], dims)) {
                    out.put(prefix + name, new Spec(dimsOf, norm));
                }
            }
        }
        return out;
    }

    /** The names of one pattern, the first brace outermost. */
    static List<String> names(String pattern, Map<String, Long> dims) {
        int open = pattern.indexOf('{');
        if (open < 0) {
            return List.of(pattern);
        }
        int close = pattern.indexOf('}', open);
        String inside = pattern.substring(open + 1, close);
        List<String> choices = new ArrayList<>();
        if (inside.startsWith("i<")) {
            long count = dim(dims, inside.substring(2), pattern);
            for (long i = 0; i < count; i++) {
                choices.add(Long.toString(i));
            }
        } else {
            choices.addAll(List.of(inside.split(",")));
        }
        List<String> out = new ArrayList<>();
        for (String choice : choices) {
            for (String rest : names(pattern.substring(close + 1), dims)) {
                out.add(pattern.substring(0, open) + choice + rest);
            }
        }
        return out;
    }

    private static long dim(Map<String, Long> dims, String symbol, String line) {
        Long v = dims.get(symbol);
        if (v == null) {
            throw new IllegalStateException("naming table uses unknown dimension '" + symbol + "': " + line);
        }
        return v;
    }

    private static boolean flag(Map<String, Boolean> flags, String name, String line) {
        Boolean v = flags.get(name);
        if (v == null) {
            throw new IllegalStateException("naming table uses unknown flag '" + name + "': " + line);
        }
        return v;
    }
}
