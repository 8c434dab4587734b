package io.glimpse.inference.hcx;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.media.resize.ResampleFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads {@link HcxVisionSettings} from a model folder (spec §1.1, §1.2, §5.1). One instance per
 * load, used by one thread; it keeps the assumption lines it collects.
 *
 * <p>A key may appear in both files (the processor reads {@code preprocessor_config.json}, the
 * engines read {@code config.json}); when both carry it with different values the folder is
 * refused rather than one file silently winning.
 */
final class HcxSettingsLoader {
    private static final String CFG = "config.json";
    private static final String PP = "preprocessor_config.json";

    /** Spec §2 items that hold whatever the files say: the app must show them. */
    private static final List<String> ALWAYS = List.of(
            "video canvas geometry: one frame = one 378x378 grid (frame fitted and centred on the pad fill), "
                    + "up to 9 grids per canvas, is INFERRED; the real layout is UNCONFIRMED (spec §2.3, §6.2)",
            "video token count 81 + 9*(g-1) per canvas of g frames is INFERRED; the model card's 1856 tokens "
                    + "for 108 frames vs 1836 by formula is unexplained (spec §2.4, §6.4)",
            "frames beyond the per-video cap are dropped from the end; the real frame sampling rule is "
                    + "UNCONFIRMED (spec §2.2)");

    private final JsonNode config;
    private final JsonNode pp;
    private final List<String> assumptions = new ArrayList<>();

    private HcxSettingsLoader(JsonNode config, JsonNode pp) {
        this.config = config;
        this.pp = pp;
    }

    /** Assumption lines of {@link HcxVisionSettings#defaults()}: the UNCONFIRMED/INFERRED defaults. */
    static List<String> defaultAssumptions() {
        List<String> out = new ArrayList<>(List.of(
                "unpad=false assumed (class default; the shipped value is UNCONFIRMED, spec §2.1)",
                "size shortest_edge=378 assumed (UNCONFIRMED, spec §5.1)",
                "resample=BICUBIC assumed (class default, UNCONFIRMED, spec §5.1)",
                "rescale_factor=1/255 assumed (class default, UNCONFIRMED, spec §5.1)",
                "image_token_id=100271 assumed (INFERRED, spec §7.2)",
                "video_token_id=100270 assumed (INFERRED, spec §7.2)",
                "max canvases per video=12 (108 frames) assumed (INFERRED from max_image_cnt 12 x 9, spec §6.4)"));
        out.addAll(ALWAYS);
        return out;
    }

    static HcxVisionSettings load(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IOException("model folder " + folder + " is not a directory");
        }
        HcxSettingsLoader l = new HcxSettingsLoader(read(folder, CFG), read(folder, PP));
        return l.build();
    }

    private static JsonNode read(Path folder, String name) throws IOException {
        Path p = folder.resolve(name);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(p.toFile());
            if (n == null || !n.isObject()) {
                throw new IOException(p + " is not a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw new IOException(p + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private HcxVisionSettings build() {
        if (config == null) {
            assumptions.add("config.json absent: every model-side key falls back to the documented default");
        }
        if (pp == null) {
            assumptions.add("preprocessor_config.json absent: image parameters fall back to spec §5.1");
        }
        int grid = get("crop size", keys("vision_config.image_size"), keys("crop_size"),
                HcxSettingsLoader::side, 378, null);
        Integer size = get("size", keys(), keys("size"), HcxSettingsLoader::side, null,
                "shortest_edge = crop size " + grid + " taken, a no-op resize (UNCONFIRMED, spec §5.1)");
        if (size != null && size != grid) {
            // §5.3 step 7 would then resize and centre-crop every grid again; not implemented.
            throw new IllegalArgumentException(PP + " size " + size + " differs from the crop size " + grid
                    + "; the extra resize/crop of spec §5.3 step 7 is not supported");
        }
        int patch = get("patch_size", keys("vision_config.patch_size"), keys("patch_size"),
                HcxSettingsLoader::integer, 14, null);
        boolean anyres = get("anyres", keys("anyres"), keys("anyres"), HcxSettingsLoader::bool, true, null);
        int maxGrids = get("max_num_grids", keys("max_num_grids"), keys("max_num_grids"),
                HcxSettingsLoader::integer, 9, null);
        boolean use1x1 = get("use_1x1_grid", keys("use_1x1_grid"), keys("use_1x1_grid"), HcxSettingsLoader::bool,
                true, "INFERRED from the shipped list starting with [378, 378]; class default is false (spec §1.2)");
        List<Resolution> res = get("possible_resolutions", keys("possible_resolutions"),
                keys("possible_resolutions"), HcxSettingsLoader::resolutions, List.of(),
                "rebuilt per spec §5.2");
        boolean unpad = get("unpad", keys("unpad"), keys("unpad"), HcxSettingsLoader::bool, false,
                "the shipped value is UNCONFIRMED (spec §2.1)");
        String[] qImage = keys("num_queries_vis_abstractor_image", "num_queries_vis_abstractor");
        int qi = get("num_queries_vis_abstractor_image", qImage, qImage, HcxSettingsLoader::integer, 81, null);
        int qs = get("num_queries_vis_abstractor_video_slow", keys("num_queries_vis_abstractor_video_slow"),
                keys("num_queries_vis_abstractor_video_slow"), HcxSettingsLoader::integer, 81, null);
        int qf = get("num_queries_vis_abstractor_video_fast", keys("num_queries_vis_abstractor_video_fast"),
                keys("num_queries_vis_abstractor_video_fast"), HcxSettingsLoader::integer, 9, null);
        boolean firstLast = get("first_last_frames_slow", keys("first_last_frames_slow"),
                keys("first_last_frames_slow"), HcxSettingsLoader::bool, false, null);
        List<Double> mean = get("image_mean", keys(), keys("image_mean"), HcxSettingsLoader::doubles,
                List.of(0.5, 0.5, 0.5), null);
        List<Double> std = get("image_std", keys(), keys("image_std"), HcxSettingsLoader::doubles,
                List.of(0.5, 0.5, 0.5), null);
        double rescale = get("rescale_factor", keys(), keys("rescale_factor"), HcxSettingsLoader::number,
                1.0 / 255, "class default, UNCONFIRMED (spec §5.1)");
        ResampleFilter resample = get("resample", keys(), keys("resample"), HcxSettingsLoader::filter,
                ResampleFilter.BICUBIC, "class default, UNCONFIRMED (spec §5.1)");
        int imageId = get("image_token_id", keys("image_token_id", "img_start_id"), keys(),
                HcxSettingsLoader::integer, 100271, "INFERRED (spec §7.2)");
        int videoId = get("video_token_id", keys("video_token_id"), keys(), HcxSettingsLoader::integer, 100270,
                "INFERRED (spec §7.2)");
        int canvases = get("max_image_cnt", keys(), keys("max_image_cnt"), HcxSettingsLoader::integer, 12, null);
        assumptions.add("max canvases per video=max_image_cnt " + canvases + " (" + canvases * 9
                + " frames) assumed; the per-video cap is INFERRED (spec §6.4)");
        if (firstLast) {
            assumptions.add("first_last_frames_slow=true: slow/fast/slow over the whole flattened video "
                    + "(spec §6.2 refined), not the processor's per-canvas surcharge of §6.1");
        }
        assumptions.addAll(ALWAYS);
        return new HcxVisionSettings(grid, patch, anyres, maxGrids, use1x1, res, unpad, qi, qs, qf, firstLast,
                mean, std, rescale, resample, imageId, videoId, 9, canvases, assumptions);
    }

    private static String[] keys(String... k) {
        return k;
    }

    /**
     * The value of a setting: from config.json ({@code cfgKeys}, first present wins) and/or
     * preprocessor_config.json ({@code ppKeys}); both present and different is refused; none
     * present gives {@code dflt} and an assumption line ({@code note} says why it matters).
     */
    private <T> T get(String label, String[] cfgKeys, String[] ppKeys, BiFunction<String, JsonNode, T> conv,
            T dflt, String note) {
        T fromCfg = null;
        String cfgWhere = null;
        for (String k : cfgKeys) {
            JsonNode n = at(config, k);
            if (n != null) {
                cfgWhere = CFG + " " + k;
                fromCfg = conv.apply(cfgWhere, n);
                break;
            }
        }
        T fromPp = null;
        String ppWhere = null;
        for (String k : ppKeys) {
            JsonNode n = at(pp, k);
            if (n != null) {
                ppWhere = PP + " " + k;
                fromPp = conv.apply(ppWhere, n);
                break;
            }
        }
        if (fromCfg != null && fromPp != null && !fromCfg.equals(fromPp)) {
            throw new IllegalArgumentException(cfgWhere + "=" + fromCfg + " disagrees with " + ppWhere + "=" + fromPp);
        }
        if (fromCfg != null) {
            return fromCfg;
        }
        if (fromPp != null) {
            return fromPp;
        }
        List<String> looked = new ArrayList<>();
        if (cfgKeys.length > 0) {
            looked.add(CFG + " has no '" + String.join("'/'", cfgKeys) + "'");
        }
        if (ppKeys.length > 0) {
            looked.add(PP + " has no '" + String.join("'/'", ppKeys) + "'");
        }
        String shown = dflt == null || dflt instanceof List<?> l && l.isEmpty() ? "" : "=" + dflt;
        assumptions.add(label + shown + " assumed (" + String.join(", ", looked) + ")"
                + (note == null ? "" : "; " + note));
        return dflt;
    }

    /** Node at a dotted path, or null when absent, JSON null, or an empty array (treated as absent). */
    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        if (n == null || n.isNull() || (n.isArray() && n.isEmpty())) {
            return null;
        }
        return n;
    }

    private static Integer integer(String where, JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e9) {
            return (int) n.doubleValue();
        }
        throw new IllegalArgumentException(where + " " + n + " is not an integer");
    }

    private static Boolean bool(String where, JsonNode n) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(where + " " + n + " is not true/false");
        }
        return n.booleanValue();
    }

    private static Double number(String where, JsonNode n) {
        if (!n.isNumber()) {
            throw new IllegalArgumentException(where + " " + n + " is not a number");
        }
        return n.doubleValue();
    }

    private static List<Double> doubles(String where, JsonNode n) {
        if (n.isNumber()) { // transformers also accepts one value for all channels
            return List.of(n.doubleValue(), n.doubleValue(), n.doubleValue());
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode v : n) {
            out.add(number(where, v));
        }
        if (!n.isArray() || out.size() != 3) {
            throw new IllegalArgumentException(where + " " + n + " must have exactly 3 values (R, G, B)");
        }
        return List.copyOf(out);
    }

    /** An int, or a {@code {"height": h, "width": w}} / {@code {"shortest_edge": s}} dict; must be square. */
    private static Integer side(String where, JsonNode n) {
        if (n.isNumber()) {
            return integer(where, n);
        }
        if (n.has("shortest_edge")) {
            return integer(where, n.get("shortest_edge"));
        }
        if (n.has("height") && n.has("width")) {
            int h = integer(where, n.get("height"));
            int w = integer(where, n.get("width"));
            if (h != w) {
                throw new IllegalArgumentException(where + " " + h + "x" + w + " is not square");
            }
            return h;
        }
        throw new IllegalArgumentException(where + " " + n + " has neither height/width nor shortest_edge");
    }

    private static List<Resolution> resolutions(String where, JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(where + " " + n + " is not a list of [height, width]");
        }
        List<Resolution> out = new ArrayList<>();
        for (JsonNode r : n) {
            if (!r.isArray() || r.size() != 2) {
                throw new IllegalArgumentException(where + " entry " + r + " is not [height, width]");
            }
            out.add(new Resolution(integer(where, r.get(0)), integer(where, r.get(1))));
        }
        return List.copyOf(out);
    }

    /** PIL resampling codes: 3 = BICUBIC, 1 = LANCZOS; the others have no exact port in media. */
    private static ResampleFilter filter(String where, JsonNode n) {
        String s = n.isTextual() ? n.textValue().toUpperCase() : n.asText();
        switch (s) {
            case "3", "BICUBIC":
                return ResampleFilter.BICUBIC;
            case "1", "LANCZOS":
                return ResampleFilter.LANCZOS;
            default:
                throw new IllegalArgumentException(where + " " + n
                        + " is not supported (only 3 = BICUBIC and 1 = LANCZOS have an exact Pillow port)");
        }
    }
}
