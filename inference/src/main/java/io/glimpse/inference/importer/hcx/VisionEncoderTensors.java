package io.glimpse.inference.importer.hcx;

import io.glimpse.inference.importer.DecoderBuilder.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Every checkpoint tensor {@link VisionEncoderBuilder#build()} reads, with its shape, so an importer can
 * check them all and size its progress before writing anything. Must list what {@link SiglipTower} and
 * {@link CAbstractor} read (VisionEncoderTensorsTest records the reads and compares). Stateless.
 */
public final class VisionEncoderTensors {
    private VisionEncoderTensors() {
    }

    /** The tower's layers up to {@code use_nth_layer} (post_layernorm is never read), then the projector. */
    public static List<TensorSpec> of(HcxVisionConfig cfg) {
        List<TensorSpec> out = new ArrayList<>();
        int c = cfg.visionHidden();
        int f = cfg.visionIntermediate();
        String emb = SiglipTower.PREFIX + "embeddings.";
        out.add(new TensorSpec(emb + "patch_embedding.weight", c, 3, cfg.patchSize(), cfg.patchSize()));
        out.add(new TensorSpec(emb + "patch_embedding.bias", c));
        out.add(new TensorSpec(emb + "position_embedding.weight", cfg.tokens(), c));
        for (int i = 0; i < cfg.layersUsed(); i++) {
            String p = SiglipTower.PREFIX + "encoder.layers." + i + ".";
            norm(out, p + "layer_norm1", c);
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                linear(out, p + "self_attn." + proj, c, c);
            }
            norm(out, p + "layer_norm2", c);
            linear(out, p + "mlp.fc1", f, c);
            linear(out, p + "mlp.fc2", c, f);
        }
        String m = CAbstractor.PREFIX;
        if (cfg.projPrenorm()) {
            norm(out, m + "prenorm", c);
        }
        if (cfg.projPosEmb()) {
            out.add(new TensorSpec(m + "pos_emb", 1, cfg.tokens(), c));
        }
        int se = CAbstractor.seWidth(c);
        for (String stage : List.of("net.0", "net.2")) {
            for (int b = 1; b <= CAbstractor.DEPTH; b++) {
                String p = m + stage + ".b" + b + ".";
                out.add(new TensorSpec(p + "conv1.conv.weight", c, c, 1, 1));
                norm(out, p + "conv1.bn", c);
                out.add(new TensorSpec(p + "conv2.conv.weight", c, 1, 3, 3));
                norm(out, p + "conv2.bn", c);
                out.add(new TensorSpec(p + "conv3.conv.weight", c, c, 1, 1));
                norm(out, p + "conv3.bn", c);
                out.add(new TensorSpec(p + "se.fc1.weight", se, c, 1, 1));
                out.add(new TensorSpec(p + "se.fc1.bias", se));
                out.add(new TensorSpec(p + "se.fc2.weight", c, se, 1, 1));
                out.add(new TensorSpec(p + "se.fc2.bias", c));
            }
        }
        linear(out, m + "readout.0", cfg.textHidden(), c);
        linear(out, m + "readout.2", cfg.textHidden(), cfg.textHidden());
        return out;
    }

    private static void norm(List<TensorSpec> out, String prefix, int width) {
        out.add(new TensorSpec(prefix + ".weight", width));
        out.add(new TensorSpec(prefix + ".bias", width));
    }

    private static void linear(List<TensorSpec> out, String prefix, int outWidth, int inWidth) {
        out.add(new TensorSpec(prefix + ".weight", outWidth, inWidth));
        out.add(new TensorSpec(prefix + ".bias", outWidth));
    }
}
