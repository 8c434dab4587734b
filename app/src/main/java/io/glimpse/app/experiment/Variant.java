package io.glimpse.app.experiment;

import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named change to a request: {@code key=value} pairs separated by {@code ;} (a prompt may hold
 * commas, so the comma cannot separate). Keys: {@code count}, {@code fps}, {@code max-frames} (frames
 * per video), {@code grids} (image grid limit), {@code budget} (visual tokens: the budget solver
 * chooses frames and grids), {@code ocr} (on/off), {@code prompt}, {@code system}, {@code temperature},
 * {@code top-k}, {@code top-p}, {@code seed}, {@code greedy} (true/false), {@code max-tokens},
 * {@code model} (a model folder) and {@code name} (the label shown). Immutable.
 *
 * @param name     the label (the text itself when no {@code name=} is given)
 * @param settings the changes, in the order given
 */
public record Variant(String name, Map<String, String> settings) {
    public static final Set<String> KEYS = Set.of("count", "fps", "max-frames", "grids", "budget", "ocr", "prompt", "system",
            "temperature", "top-k", "top-p", "seed", "greedy", "max-tokens", "model", "name");

    public Variant {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Parses {@code "count=8; grids=2"}.
     *
     * @throws IllegalArgumentException naming the unknown key or the bad value
     */
    public static Variant parse(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("variant '" + text + "': '" + part.strip() + "' is not key=value");
            }
            String key = part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("variant '" + text + "': unknown key '" + key + "'; known are "
                        + new java.util.TreeSet<>(KEYS));
            }
            settings.put(key, part.substring(eq + 1).strip());
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("variant '" + text + "' changes nothing: give key=value pairs");
        }
        Variant v = new Variant(settings.getOrDefault("name", text.strip()), settings);
        v.apply(AskRequest.of("check", new GenerationRequest(1, SamplingParams.defaults(), Set.of(), List.of())));
        return v;
    }

    /** The variant with no change: the request as it is. */
    public static Variant current() {
        return new Variant("current", Map.of());
    }

    /** The visual budget this variant asks for, or null. */
    public Integer budget() {
        return settings.containsKey("budget") ? positive("budget") : null;
    }

    /** The model folder this variant uses instead of {@code base}. */
    public Path model(Path base) {
        String m = settings.get("model");
        return m == null ? base : Path.of(m);
    }

    /**
     * The request with this variant's changes applied ({@code budget} and {@code model} are not
     * request fields: {@link Experiment} applies them).
     *
     * @throws IllegalArgumentException for a value that is not of its key's kind
     */
    public AskRequest apply(AskRequest base) {
        String question = settings.getOrDefault("prompt", base.question());
        String system = settings.getOrDefault("system", base.system());
        List<AskRequest.Image> images = base.images();
        if (settings.containsKey("ocr")) {
            boolean on = bool("ocr", "on", "off");
            if (!on) {
                images = base.images().stream().map(i -> new AskRequest.Image(i.file(), "")).toList();
            }
        }
        SamplingRequest frames = base.frames();
        List<SamplingRequest> perVideo = base.videoFrames();
        int maxFrames = base.maxFrames();
        if (settings.containsKey("max-frames")) {
            maxFrames = positive("max-frames");
        }
        if (settings.containsKey("count") && settings.containsKey("fps")) {
            throw new IllegalArgumentException("variant " + name + ": give count or fps, not both");
        }
        FrameSelection selection = null;
        if (settings.containsKey("count")) {
            selection = new FrameSelection.Count(Math.min(positive("count"), maxFrames));
        } else if (settings.containsKey("fps")) {
            selection = new FrameSelection.Fps(number("fps"), 1, maxFrames);
        } else if (settings.containsKey("max-frames") && frames.selection() instanceof FrameSelection.Count c) {
            selection = new FrameSelection.Count(Math.min(c.frames(), maxFrames));
        }
        if (selection != null) {
            frames = new SamplingRequest(selection, frames.startSeconds(), frames.endSeconds(), frames.dedupeThreshold());
            perVideo = List.of(); // one selection for every video now
        }
        int grids = settings.containsKey("grids") ? positive("grids") : base.maxGrids();
        GenerationRequest g = base.generation();
        SamplingParams s = g.sampling();
        if (settings.containsKey("temperature")) {
            s = s.withTemperature(number("temperature")).withDoSample(true);
        }
        if (settings.containsKey("top-k")) {
            s = s.withTopK(whole("top-k"));
        }
        if (settings.containsKey("top-p")) {
            s = s.withTopP(number("top-p"));
        }
        if (settings.containsKey("seed")) {
            s = s.withSeed((long) whole("seed"));
        }
        if (settings.containsKey("greedy")) {
            s = s.withDoSample(!bool("greedy", "true", "false"));
        }
        int maxTokens = settings.containsKey("max-tokens") ? positive("max-tokens") : g.maxNewTokens();
        GenerationRequest generation = new GenerationRequest(maxTokens, s, g.stopIds(), g.stopStrings(), g.topLogprobs());
        budget(); // a bad budget fails with the other values
        return new AskRequest(question, system, new ArrayList<>(images), base.videos(), frames, maxFrames, grids, generation,
                base.history(), perVideo);
    }

    private int positive(String key) {
        int n = whole(key);
        if (n < 1) {
            throw new IllegalArgumentException("variant " + name + ": " + key + " must be at least 1, got " + n);
        }
        return n;
    }

    private int whole(String key) {
        try {
            return Integer.parseInt(settings.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variant " + name + ": " + key + " must be a whole number, got '" + settings.get(key) + "'");
        }
    }

    private double number(String key) {
        try {
            return Double.parseDouble(settings.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variant " + name + ": " + key + " must be a number, got '" + settings.get(key) + "'");
        }
    }

    private boolean bool(String key, String yes, String no) {
        String v = settings.get(key).toLowerCase(java.util.Locale.ROOT);
        if (v.equals(yes)) {
            return true;
        }
        if (v.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException("variant " + name + ": " + key + " must be " + yes + " or " + no + ", got '" + v + "'");
    }
}
