package io.glimpse.app.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a parsed {@code settings.json} object into {@link Settings} value by value: a missing key
 * or an unknown one is silently the default / ignored (other versions' files), a value of the
 * wrong type, null where null means nothing, NaN or infinity falls back to its default, and a
 * finite number out of range is clamped; each rejected value adds one line to {@link #problems()}
 * naming its key and what is used instead. Hand-written rather than Jackson data binding because
 * binding fails (or coerces "12" to 12) for the whole file at the first odd value, and one bad
 * key must cost only that key. The ranges are the window's own controls' ranges. One instance per
 * read; not thread-safe.
 */
final class SettingsReader {
    /** Window size limits: below them the layout does not fit, above them no screen exists. */
    static final double MIN_WIDTH = 640, MIN_HEIGHT = 480, MAX_SIDE = 16384;
    /** Window positions beyond this are no screen's; the view checks against the real screens. */
    static final double MAX_POSITION = 65536;

    private final List<String> problems = new ArrayList<>();

    /** What was rejected, one line per key, in file order of the fields read. */
    List<String> problems() {
        return problems;
    }

    Settings read(JsonNode root) {
        Settings d = new Settings();
        Settings s = new Settings();
        s.theme = choice(root, "theme", d.theme, "light", "dark");
        s.modelFolder = folder(root, "modelFolder");
        s.prompt = text(root, "prompt", "prompt", d.prompt);
        s.system = text(root, "system", "system", d.system);
        s.presets = presets(root.get("presets"));
        s.greedy = bool(root, "greedy", "greedy", d.greedy);
        s.temperature = number(root, "temperature", "temperature", d.temperature, 0, 2);
        s.topK = integer(root, "topK", d.topK, 0, 1000);
        s.topP = number(root, "topP", "topP", d.topP, 0.01, 1);
        s.minP = number(root, "minP", "minP", d.minP, 0, 1);
        s.repetitionPenalty = number(root, "repetitionPenalty", "repetitionPenalty", d.repetitionPenalty, 0.1, 3);
        s.seed = seed(root);
        s.maxTokens = maxTokens(root, d.maxTokens);
        s.useFps = bool(root, "useFps", "useFps", d.useFps);
        s.frameCount = integer(root, "frameCount", d.frameCount, 1, 256);
        s.fps = number(root, "fps", "fps", d.fps, 0.01, 60);
        s.maxFrames = integer(root, "maxFrames", d.maxFrames, 1, 1024);
        s.dedupe = bool(root, "dedupe", "dedupe", d.dedupe);
        s.autoOcr = bool(root, "autoOcr", "autoOcr", d.autoOcr);
        s.budget = root.hasNonNull("budget") ? Integer.valueOf(integer(root, "budget", 0, 0, Integer.MAX_VALUE)) : null;
        s.window = window(root.get("window"));
        return s;
    }

    /**
     * The answer length. Older files kept a separate ledger "outputReserve" (512 by default) that the
     * generator never obeyed; "maxTokens" is what runs used, so it wins, and a file with only the
     * old key keeps its number as the one setting (at least 1, as the generator needs).
     */
    private int maxTokens(JsonNode root, int d) {
        if (root.has("maxTokens") || !root.has("outputReserve")) {
            return integer(root, "maxTokens", d, 1, 32768);
        }
        return integer(root, "outputReserve", d, 1, 32768);
    }

    private Settings.Window window(JsonNode w) {
        Settings.Window d = new Settings.Window();
        if (w == null) {
            return d;
        }
        if (!w.isObject()) {
            reject("window", w, "an object", "the default place and size");
            return d;
        }
        Settings.Window s = new Settings.Window();
        s.x = number(w, "x", "window.x", d.x, -MAX_POSITION, MAX_POSITION);
        s.y = number(w, "y", "window.y", d.y, -MAX_POSITION, MAX_POSITION);
        s.width = number(w, "width", "window.width", d.width, MIN_WIDTH, MAX_SIDE);
        s.height = number(w, "height", "window.height", d.height, MIN_HEIGHT, MAX_SIDE);
        s.maximized = bool(w, "maximized", "window.maximized", d.maximized);
        s.dividers = dividers(w.get("dividers"), d.dividers);
        s.centreSplit = number(w, "centreSplit", "window.centreSplit", d.centreSplit, 0, 1);
        s.rightSplit = number(w, "rightSplit", "window.rightSplit", d.rightSplit, 0, 1);
        return s;
    }

    /** Two split positions, each within 0..1, the first left of the second. */
    private double[] dividers(JsonNode n, double[] d) {
        if (n == null) {
            return d;
        }
        boolean ok = n.isArray() && n.size() == 2 && n.get(0).isNumber() && n.get(1).isNumber();
        double a = ok ? n.get(0).doubleValue() : 0, b = ok ? n.get(1).doubleValue() : 0;
        if (ok && a >= 0 && a <= b && b <= 1) {
            return new double[] {a, b};
        }
        problems.add("window.dividers: " + describe(n) + " is not two increasing positions within 0..1; using " + Arrays.toString(d));
        return d;
    }

    private List<Settings.Preset> presets(JsonNode n) {
        List<Settings.Preset> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            reject("presets", n, "an array", "no presets");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode p = n.get(i);
            String key = "presets[" + i + "]";
            if (!p.isObject() || !p.path("name").isTextual() || p.path("name").textValue().isBlank()) {
                problems.add(key + ": " + describe(p) + " is not a preset with a name; dropped");
                continue;
            }
            out.add(new Settings.Preset(p.get("name").textValue(), text(p, "system", key + ".system", ""),
                    text(p, "prompt", key + ".prompt", "")));
        }
        return out;
    }

    /** A folder path as typed; a string no path can be (a NUL character) means no folder. */
    private String folder(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            try {
                Path.of(n.textValue());
                return n.textValue();
            } catch (InvalidPathException e) {
                problems.add(key + ": " + describe(n) + " is not a path (" + e.getReason() + "); using no model folder");
                return null;
            }
        }
        reject(key, n, "a string", "no model folder");
        return null;
    }

    /** The seed as typed; null is a documented "random seed", a number is taken as its digits. */
    private String seed(JsonNode root) {
        JsonNode n = root.get("seed");
        if (n == null || n.isNull()) {
            return "";
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asText();
        }
        reject("seed", n, "a string", "\"\" (a random seed per run)");
        return "";
    }

    private String choice(JsonNode parent, String key, String d, String... allowed) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return d;
        }
        if (n.isTextual() && Arrays.asList(allowed).contains(n.textValue())) {
            return n.textValue();
        }
        problems.add(key + ": " + describe(n) + " is not one of " + String.join(", ", allowed) + "; using " + d);
        return d;
    }

    private String text(JsonNode parent, String key, String path, String d) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return d;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        reject(path, n, "a string", "\"" + d + "\"");
        return d;
    }

    private boolean bool(JsonNode parent, String key, String path, boolean d) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return d;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        reject(path, n, "true or false", String.valueOf(d));
        return d;
    }

    private double number(JsonNode parent, String key, String path, double d, double min, double max) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return d;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            reject(path, n, "a finite number", plain(d));
            return d;
        }
        return clamp(path, n, n.doubleValue(), min, max);
    }

    private int integer(JsonNode parent, String key, int d, double min, double max) {
        JsonNode n = parent.get(key);
        if (n == null) {
            return d;
        }
        double v = n.isNumber() ? n.doubleValue() : Double.NaN;
        if (!Double.isFinite(v) || v != Math.rint(v)) {
            problems.add(key + ": " + describe(n) + " is not a whole number; using " + d);
            return d;
        }
        return (int) clamp(key, n, v, min, max);
    }

    private double clamp(String path, JsonNode n, double v, double min, double max) {
        double c = Math.max(min, Math.min(max, v));
        if (c != v) {
            problems.add(path + ": " + describe(n) + " is outside " + plain(min) + ".." + plain(max) + "; using " + plain(c));
        }
        return c;
    }

    private void reject(String path, JsonNode n, String expected, String used) {
        problems.add(path + ": " + describe(n) + " is not " + expected + "; using " + used);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The value as the file has it, short, with control characters escaped so a NUL never reaches a terminal. */
    static String describe(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array of " + n.size();
        }
        if (n.isObject()) {
            return "an object";
        }
        String text = n.isTextual() ? n.textValue() : n.asText();
        StringBuilder b = new StringBuilder(n.isTextual() ? "\"" : "");
        for (int i = 0; i < text.length() && i < 60; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        b.append(text.length() > 60 ? "…" : "").append(n.isTextual() ? "\"" : "");
        return b.toString();
    }
}
