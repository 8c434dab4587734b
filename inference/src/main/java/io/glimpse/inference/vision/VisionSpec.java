package io.glimpse.inference.vision;

import java.util.Locale;

/**
 * The vision half of a model folder's wiring ({@code glimpse.json} {@code vision} block,
 * docs/glimpse-json.md): the encoder and token-embedding graphs, the learned newline vector, the
 * placeholder tokens and how encoder rows become prompt rows. Immutable.
 *
 * @param encoderFile      vision encoder graph, relative to the model folder
 * @param pixelValues      encoder input: normalized tiles, float32 [G, 3, H, W]
 * @param numQueries       encoder input: queries per tile, int64 [G]; null when the encoder has a fixed count (images only)
 * @param features         encoder output: [sum(num_queries), D] or [G, Q, D]
 * @param maxTilesPerRun   most tiles fed to one encoder run (bounds memory; cancel is checked between runs)
 * @param embedFile        token-embedding graph
 * @param embedInputIds    its input: int64 [1, S]
 * @param embedOutput      its output: [1, S, D]
 * @param imageNewline     the {@code .npy} file of the newline vector [D], or null
 * @param hiddenSize       D: width of every feature and embedding row
 * @param imageToken       the image placeholder token's text
 * @param imageTokenId     its id
 * @param videoToken       the video placeholder token's text, or null when the model takes no video
 * @param videoTokenId     its id, or -1
 * @param stitching        how encoder rows become placeholder rows
 * @param imageSeqLength   placeholders per image when the model takes a fixed count (a transformers.js
 *                         image-text-to-text folder: {@code image_seq_length} of config.json, one CLIP-style
 *                         tile per image); 0 for the HCX processor, whose count depends on the image
 */
public record VisionSpec(String encoderFile, String pixelValues, String numQueries, String features, int maxTilesPerRun,
                         String embedFile, String embedInputIds, String embedOutput, String imageNewline, int hiddenSize,
                         String imageToken, int imageTokenId, String videoToken, int videoTokenId, Stitching stitching,
                         int imageSeqLength) {

    /** A folder run by the HCX processor (glimpse.json {@code vision} block). */
    public VisionSpec(String encoderFile, String pixelValues, String numQueries, String features, int maxTilesPerRun,
                      String embedFile, String embedInputIds, String embedOutput, String imageNewline, int hiddenSize,
                      String imageToken, int imageTokenId, String videoToken, int videoTokenId, Stitching stitching) {
        this(encoderFile, pixelValues, numQueries, features, maxTilesPerRun, embedFile, embedInputIds, embedOutput,
                imageNewline, hiddenSize, imageToken, imageTokenId, videoToken, videoTokenId, stitching, 0);
    }

    /** How encoder rows map onto placeholder positions. */
    public enum Stitching {
        /**
         * HyperCLOVAX AnyRes (hcx-spec.md §5.5, §6.2): per image the global tile's rows first, then the
         * local tiles as one stitched map in raster order, unpadded with a newline row per map row when
         * the processor's {@code unpad} is on; per video the grids' rows canvas by canvas.
         */
        HCX_ANYRES("hcx-anyres"),
        /** transformers.js generic: encoder rows replace placeholder positions one to one, in order. */
        ROWS("rows");

        private final String jsonName;

        Stitching(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        /** The value for a glimpse.json name, or null when there is none. */
        public static Stitching byName(String name) {
            for (Stitching s : values()) {
                if (s.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Whether images take a fixed number of placeholders each (the generic CLIP-style processor, not HCX's). */
    public boolean fixedImageSeqLength() {
        return imageSeqLength > 0;
    }

    /** Whether the model takes videos (a video placeholder is wired). */
    public boolean takesVideo() {
        return videoToken != null && videoTokenId >= 0;
    }
}
