package io.glimpse.inference.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glimpse.inference.ModelFolderException;
import io.glimpse.media.resize.ResampleFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a CLIP-style image processor ({@code CLIPImageProcessor} and its LLaVA-family
 * relatives) from {@code preprocessor_config.json}: one resized, centre-cropped, rescaled and
 * normalized tile per image. Absent keys take CLIPImageProcessor's defaults, each listed in
 * {@link #assumptions}. Immutable.
 *
 * @param doResize      resize first
 * @param shortestEdge  resize so the shorter side is this long (aspect kept), or 0 when {@code resizeWidth} applies
 * @param resizeWidth   fixed resize width ({@code size.width}), or 0
 * @param resizeHeight  fixed resize height, or 0
 * @param resample      Pillow filter of the resize
 * @param doCenterCrop  crop the centre after resizing (zero-padded when the image is smaller)
 * @param cropWidth     crop width
 * @param cropHeight    crop height
 * @param doRescale     multiply by {@code rescaleFactor}
 * @param rescaleFactor usually 1/255
 * @param doNormalize   subtract the mean and divide by the std, per channel
 * @param mean          per-channel mean (RGB)
 * @param std           per-channel std (RGB)
 * @param assumptions   the defaults taken where the file was silent
 */
public record ClipSettings(boolean doResize, int shortestEdge, int resizeWidth, int resizeHeight, ResampleFilter resample,
                           boolean doCenterCrop, int cropWidth, int cropHeight, boolean doRescale, double rescaleFactor,
                           boolean doNormalize, List<Double> mean, List<Double> std, List<String> assumptions) {
    static final List<Double> CLIP_MEAN = List.of(0.48145466, 0.4578275, 0.40821073);
    static final List<Double> CLIP_STD = List.of(0.26862954, 0.26130258, 0.27577711);

    public ClipSettings {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        assumptions = List.copyOf(assumptions);
    }

    /** Reads {@code preprocessor_config.json} of {@code folder}. */
    public static ClipSettings fromFolder(Path folder) throws ModelFolderException {
        Path file = folder.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelFolderException(folder, "preprocessor_config.json is missing: the image processor's settings "
                    + "(size, crop_size, image_mean, image_std) are needed");
        }
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new ModelFolderException(folder, "preprocessor_config.json is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFolderException(folder, "preprocessor_config.json: " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException for a value Glimpse cannot follow (the message names the key)
     */
    public static ClipSettings parse(JsonNode p) {
        List<String> assumed = new ArrayList<>();
        boolean doResize = flag(p, "do_resize", assumed);
        int shortest = 0;
        int width = 0;
        int height = 0;
        JsonNode size = p.get("size");
        if (size == null) {
            shortest = 224;
            assumed.add("size assumed {\"shortest_edge\": 224} (CLIPImageProcessor's default)");
        } else if (size.canConvertToInt()) {
            shortest = positive("size", size);
        } else if (size.has("shortest_edge")) {
            if (size.has("longest_edge")) {
                throw new IllegalArgumentException("size.longest_edge is not supported (only shortest_edge, or height and width)");
            }
            shortest = positive("size.shortest_edge", size.get("shortest_edge"));
        } else if (size.has("height") && size.has("width")) {
            width = positive("size.width", size.get("width"));
            height = positive("size.height", size.get("height"));
        } else {
            throw new IllegalArgumentException("size must be a number, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}, got " + size);
        }
        ResampleFilter resample = resample(p, assumed);
        boolean doCrop = flag(p, "do_center_crop", assumed);
        int cropW = 224;
        int cropH = 224;
        JsonNode crop = p.get("crop_size");
        if (crop == null) {
            if (doCrop) {
                assumed.add("crop_size assumed 224 x 224 (CLIPImageProcessor's default)");
            }
        } else if (crop.canConvertToInt()) {
            cropW = positive("crop_size", crop);
            cropH = cropW;
        } else {
            cropW = positive("crop_size.width", crop.get("width"));
            cropH = positive("crop_size.height", crop.get("height"));
        }
        boolean doRescale = flag(p, "do_rescale", assumed);
        double rescale = 1 / 255.0;
        if (p.has("rescale_factor")) {
            rescale = p.get("rescale_factor").asDouble();
        } else if (doRescale) {
            assumed.add("rescale_factor assumed 1/255");
        }
        boolean doNormalize = flag(p, "do_normalize", assumed);
        List<Double> mean = triple(p, "image_mean", CLIP_MEAN, doNormalize, assumed);
        List<Double> std = triple(p, "image_std", CLIP_STD, doNormalize, assumed);
        if (p.has("do_convert_rgb") && !p.get("do_convert_rgb").asBoolean()) {
            assumed.add("do_convert_rgb is false, but images are always decoded to RGB (alpha flattened)");
        }
        return new ClipSettings(doResize, shortest, width, height, resample, doCrop, cropW, cropH, doRescale, rescale,
                doNormalize, mean, std, assumed);
    }

    /** Width of every tile this processor gives, or -1 when it depends on the image. */
    public int tileWidth() {
        return doCenterCrop ? cropWidth : doResize && resizeWidth > 0 ? resizeWidth : -1;
    }

    /** Height of every tile, or -1 when it depends on the image. */
    public int tileHeight() {
        return doCenterCrop ? cropHeight : doResize && resizeHeight > 0 ? resizeHeight : -1;
    }

    private static boolean flag(JsonNode p, String key, List<String> assumed) {
        if (!p.has(key)) {
            assumed.add(key + " assumed true (CLIPImageProcessor's default)");
            return true;
        }
        return p.get(key).asBoolean();
    }

    private static int positive(String key, JsonNode v) {
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    private static ResampleFilter resample(JsonNode p, List<String> assumed) {
        JsonNode r = p.get("resample");
        if (r == null) {
            assumed.add("resample assumed 3 (bicubic, CLIPImageProcessor's default)");
            return ResampleFilter.BICUBIC;
        }
        return switch (r.asInt(-1)) {
            case 3 -> ResampleFilter.BICUBIC;
            case 1 -> ResampleFilter.LANCZOS;
            default -> throw new IllegalArgumentException("resample " + r
                    + " is not supported (only 3 = bicubic and 1 = Lanczos have an exact Pillow port)");
        };
    }

    private static List<Double> triple(JsonNode p, String key, List<Double> fallback, boolean used, List<String> assumed) {
        JsonNode v = p.get(key);
        if (v == null) {
            if (used) {
                assumed.add(key + " assumed " + fallback + " (OpenAI CLIP's)");
            }
            return fallback;
        }
        if (v.isNumber()) {
            return List.of(v.asDouble(), v.asDouble(), v.asDouble());
        }
        if (!v.isArray() || v.size() != 3) {
            throw new IllegalArgumentException(key + " must be three numbers (R, G, B), got " + v);
        }
        return List.of(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble());
    }
}
