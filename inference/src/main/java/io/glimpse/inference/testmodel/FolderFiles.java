package io.glimpse.inference.testmodel;

import static io.glimpse.inference.testmodel.TinyHcx.GRID;
import static io.glimpse.inference.testmodel.TinyHcx.HIDDEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.inference.hcx.HcxVisionSettings.Resolution;
import io.glimpse.inference.vision.Npy;

/** The JSON, .npy and README files of a test-model folder (contract: docs/model-format.md). Stateless. */
final class FolderFiles {
    private FolderFiles() {}

    static ObjectNode glimpseJson(ObjectMapper m) {
        ObjectNode root = m.createObjectNode();
        root.put("family", "hcx-vision");
        root.put("vocab_size", TinyHcx.VOCAB);
        root.put("context_length", TinyHcx.CONTEXT);
        root.put("tokenizer", "tokenizer.json");
        root.putObject("special_tokens").put("bos", -1).put("pad", 256);
        ObjectNode stop = root.putObject("stop");
        stop.putArray("ids").add(259).add(260);
        stop.putArray("strings").add("<|endofturn|>").add("<|stop|>");
        ObjectNode dec = root.putObject("decoder");
        dec.put("file", "onnx/decoder_model_merged.onnx");
        dec.putObject("inputs").put("inputs_embeds", "inputs_embeds").put("attention_mask", "attention_mask")
                .put("position_ids", "position_ids").put("past_key", "past_key_values.%d.key")
                .put("past_value", "past_key_values.%d.value");
        dec.putObject("outputs").put("logits", "logits").put("present_key", "present.%d.key")
                .put("present_value", "present.%d.value");
        dec.put("layers", TinyHcx.LAYERS).put("kv_heads", TinyHcx.KV_HEADS).put("head_size", TinyHcx.HEAD_SIZE)
                .put("kv_dtype", "float32").put("id_dtype", "int64");
        ObjectNode vision = root.putObject("vision");
        vision.putObject("encoder").put("file", "onnx/vision_encoder.onnx").put("pixel_values", "pixel_values")
                .put("num_queries", "num_queries").put("features", "image_features").put("max_tiles_per_run", 4);
        vision.putObject("embed_tokens").put("file", "onnx/embed_tokens.onnx").put("input_ids", "input_ids")
                .put("inputs_embeds", "inputs_embeds");
        vision.put("image_newline", "image_newline.npy");
        vision.put("hidden_size", HIDDEN);
        vision.put("image_token", TinyHcx.IMAGE_TOKEN).put("image_token_id", TinyHcx.IMAGE_TOKEN_ID);
        vision.put("video_token", TinyHcx.VIDEO_TOKEN).put("video_token_id", TinyHcx.VIDEO_TOKEN_ID);
        vision.put("stitching", "hcx-anyres");
        return root;
    }

    /** HCX vision settings (every key HcxVisionSettings reads from config.json) plus the decoder's Llama config ({@link TinyLlama#config}). */
    static ObjectNode configJson(ObjectMapper m) {
        ObjectNode c = m.createObjectNode();
        c.put("model_type", "glimpse_test_hcx_vision");
        c.put("anyres", true);
        c.put("unpad", true);
        c.put("max_num_grids", 9);
        c.put("use_1x1_grid", true);
        ArrayNode res = c.putArray("possible_resolutions");
        for (Resolution r : HcxVisionSettings.rebuildResolutions(9, true, GRID)) {
            res.addArray().add(r.height()).add(r.width());
        }
        c.put("num_queries_vis_abstractor_image", TinyHcx.QUERIES_IMAGE);
        c.put("num_queries_vis_abstractor_video_slow", TinyHcx.QUERIES_IMAGE);
        c.put("num_queries_vis_abstractor_video_fast", TinyHcx.QUERIES_FAST);
        c.put("first_last_frames_slow", false);
        c.put("image_token_id", TinyHcx.IMAGE_TOKEN_ID);
        c.put("video_token_id", TinyHcx.VIDEO_TOKEN_ID);
        c.putObject("vision_config").put("image_size", GRID).put("patch_size", 14);
        c.set("text_config", TinyLlama.config(m));
        return c;
    }

    /** The image-side keys the processor reads from preprocessor_config.json (spec §5.1 values). */
    static ObjectNode preprocessorJson(ObjectMapper m) {
        ObjectNode p = m.createObjectNode();
        p.putObject("crop_size").put("height", GRID).put("width", GRID);
        p.putObject("size").put("shortest_edge", GRID);
        p.putArray("image_mean").add(0.5).add(0.5).add(0.5);
        p.putArray("image_std").add(0.5).add(0.5).add(0.5);
        p.put("rescale_factor", 1.0 / 255);
        p.put("resample", 3);
        p.put("max_image_cnt", 12);
        return p;
    }

    /** A numpy .npy (format 1.0) of a float32 vector: magic, header padded to 64 bytes, little-endian data. */
    static byte[] npy(float[] values) {
        return Npy.vectorBytes(values);
    }

    /** The README's first line, by which {@link TestModelWriter#notice} knows the folder. */
    static String heading(TestModelWriter.Family family) {
        return "# Glimpse test model (" + family.cliName() + ")";
    }

    static String readme(TestModelWriter.Family family, long seed) {
        String what = switch (family) {
            case HCX_VISION -> "a RANDOM-WEIGHT test model (seed " + seed + "). It runs, but it answers gibberish.";
            case HCX_VISION_PROBE -> "the deterministic PROBE test model. It runs, but every answer is \"aaaa...\": "
                    + "it exists so tests can see exactly which rows reached the decoder.";
            case GENERIC -> "a RANDOM-WEIGHT test model (seed " + seed + ") in the transformers.js\n"
                    + "image-text-to-text layout (no glimpse.json). It runs, but it answers gibberish.";
        };
        String layout = family == TestModelWriter.Family.GENERIC
                ? "It is laid out as a transformers.js LLaVA-style folder: config.json with image_token_index 261 and\n"
                        + "image_seq_length 81, one 378x378 tile per image, vision_encoder without num_queries giving\n"
                        + "image_features [tiles, 81, 64], one feature row per <|dummy3|> placeholder, in order.\n"
                        + "processor_config.json makes it a LlavaProcessor folder (42-pixel patches: 9 x 9 = 81 tokens)\n"
                        + "that transformers and transformers.js load as it is.\n"
                : "It follows the model folder contract of Glimpse's docs/model-format.md.\n";
        return heading(family) + "\n\n"
                + "Written by `glimpse make-test-model`. This is " + what + "\n\n" + layout
                + "Geometry: hidden size 64, 2 layers, 4 attention heads over 2 KV heads of size 16, vocabulary\n"
                + "264 (256 byte tokens + 8 specials), context 8192, 378-pixel grids, 81 queries per image tile"
                + (family == TestModelWriter.Family.GENERIC ? ".\n\n" : "\nand slow video grid, 9 per fast grid.\n\n")
                + (family == TestModelWriter.Family.HCX_VISION_PROBE ? """
                Probe behaviour:
                - vision_encoder row (tile g, query q) = [g, q, mean of the tile's pixel_values, num_queries[g], 0, ...]
                - embed_tokens row for id t = [-(t + 1), 0, ...]
                - image_newline.npy = [-1000, 0, ...]
                - decoder_model_merged also outputs `received_embeds` (its inputs_embeds) and always
                  prefers id 97 ('a'); its cache grows by the embeddings it received.
                """ : """
                The decoder is a real tiny Llama written by the same code as `glimpse import` (standard ONNX
                ops, float32, taking inputs_embeds): RMSNorm, rotary position embeddings, grouped-query
                attention over a KV cache, SiLU-gated MLP. config.json's text_config is its Llama config;
                its weights are drawn from the seed. The vision encoder and embedding table are tiny
                stand-ins (average pooling and a projection; a random table), not a real vision tower.

                Use it to try the whole pipeline without downloading real weights.
                """);
    }
}
