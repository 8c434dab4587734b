package io.glimpse.inference.testmodel;

import static io.glimpse.inference.testmodel.TinyHcx.GRID;
import static io.glimpse.inference.testmodel.TinyHcx.HIDDEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON files of the {@code generic} test model: a transformers.js image-text-to-text folder
 * (LLaVA-style config with {@code image_token_index} and a fixed {@code image_seq_length}, a
 * CLIP-style image processor, a ChatML Jinja chat template), no glimpse.json. Stateless.
 */
final class GenericFolderFiles {
    /** ChatML; an image content part becomes one placeholder, which a processor expands to 81 copies. */
    static final String CHAT_TEMPLATE = "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
            + "{% if message['content'] is string %}{{ message['content'] }}{% else %}"
            + "{% for part in message['content'] %}{% if part['type'] == 'image' %}" + TinyHcx.IMAGE_TOKEN
            + "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}{% endfor %}{% endif %}"
            + "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    /** 378 / 42 = 9 patches a side: 81 image tokens, the encoder's fixed query count. */
    static final int PATCH = 42;

    private GenericFolderFiles() {}

    /**
     * processor_config.json: what a LlavaProcessor (transformers, transformers.js) needs to expand each
     * placeholder, (378 / 42)² + 0 = 81 copies; "full" keeps every patch (no CLS token to drop).
     */
    static ObjectNode processorJson(ObjectMapper m) {
        ObjectNode p = m.createObjectNode();
        p.put("processor_class", "LlavaProcessor");
        p.put("image_token", TinyHcx.IMAGE_TOKEN);
        p.put("patch_size", PATCH);
        p.put("num_additional_image_tokens", 0);
        p.put("vision_feature_select_strategy", "full");
        return p;
    }

    static ObjectNode configJson(ObjectMapper m) {
        ObjectNode c = m.createObjectNode();
        c.put("model_type", "llava");
        c.putArray("architectures").add("LlavaForConditionalGeneration");
        c.put("image_token_index", TinyHcx.IMAGE_TOKEN_ID);
        c.put("image_seq_length", TinyHcx.QUERIES_IMAGE);
        c.put("pad_token_id", 256);
        c.putArray("eos_token_id").add(259).add(260);
        // (image_size / patch_size)² = image_seq_length, as a LLaVA processor counts the placeholders per image
        c.putObject("vision_config").put("model_type", "clip_vision_model").put("image_size", GRID)
                .put("patch_size", PATCH);
        c.set("text_config", TinyLlama.config(m));
        return c;
    }

    /** One 378×378 tile per image: resize the shortest edge, centre-crop, normalize to [-1, 1]. */
    static ObjectNode preprocessorJson(ObjectMapper m) {
        ObjectNode p = m.createObjectNode();
        p.put("image_processor_type", "CLIPImageProcessor");
        p.put("processor_class", "LlavaProcessor"); // AutoProcessor picks the processor class from here
        p.put("do_resize", true);
        p.putObject("size").put("shortest_edge", GRID);
        p.put("do_center_crop", true);
        p.putObject("crop_size").put("height", GRID).put("width", GRID);
        p.put("do_rescale", true);
        p.put("rescale_factor", 1.0 / 255);
        p.put("do_normalize", true);
        p.putArray("image_mean").add(0.5).add(0.5).add(0.5);
        p.putArray("image_std").add(0.5).add(0.5).add(0.5);
        p.put("resample", 3);
        return p;
    }

    static ObjectNode tokenizerConfigJson(ObjectMapper m) {
        ObjectNode t = m.createObjectNode();
        t.put("tokenizer_class", "PreTrainedTokenizerFast");
        t.putNull("bos_token");
        t.put("eos_token", "<|endofturn|>");
        t.put("pad_token", "<|endoftext|>");
        t.put("chat_template", CHAT_TEMPLATE);
        return t;
    }

    static ObjectNode generationConfigJson(ObjectMapper m) {
        ObjectNode g = m.createObjectNode();
        g.putArray("eos_token_id").add(259).add(260);
        g.put("pad_token_id", 256);
        return g;
    }
}
