package io.glimpse.inference.importer.hcx;

import static io.glimpse.inference.onnx.OnnxGraph.attrs;

import io.glimpse.inference.importer.CheckpointException;
import io.glimpse.inference.importer.LinearWriter;
import io.glimpse.inference.onnx.OnnxGraph.Attr;
import java.util.ArrayList;
import java.util.List;

/**
 * The HCX C-Abstractor (honeybee / vLLM {@code HCXVisionCAbstractor}; fixture README's rule table):
 * (prenorm) → + pos_emb → [G, C, 27, 27] row-major → RegStage s1 → AdaptiveAvgPool to √Q × √Q →
 * RegStage s2 → flatten row-major → readout Linear–SiLU–Linear to D. Each stage is three timm RegNet
 * Bottleneck blocks with LayerNorm2d (eps 1e-5, timm's LayerNormAct2d) and squeeze-excitation.
 * s1 runs once; s2 may be applied to several pooled maps with the same weights, the readout once.
 * Not thread-safe: one instance per graph being built.
 */
final class CAbstractor {
    static final String PREFIX = "mm_projector.";
    /** timm.layers.LayerNorm default, used by proj_prenorm. */
    static final double PRENORM_EPS = 1e-6;
    /** LayerNormAct2d default eps, which timm's ConvNormAct uses for norm_layer=LayerNorm2d. */
    static final double NORM2D_EPS = 1e-5;
    /** timm RegNet Bottleneck se_ratio. */
    static final double SE_RATIO = 0.25;
    /** Bottleneck blocks per RegStage. */
    static final int DEPTH = 3;

    private final GraphOps ops;
    private final HcxVisionConfig cfg;
    private final int c;
    private final int se;
    private List<Block> s2;

    CAbstractor(GraphOps ops, HcxVisionConfig cfg) {
        this.ops = ops;
        this.cfg = cfg;
        this.c = cfg.visionHidden();
        this.se = seWidth(c);
    }

    /** The SE width: Python round() (half to even), as timm's {@code int(round(in_chs * 0.25))}. */
    static int seWidth(int channels) {
        return (int) Math.rint(channels * SE_RATIO);
    }

    /** Tower hidden [G, N, C] → the s1 output map [G, C, n, n], shared by every pooling. */
    String stage1(String hidden) throws CheckpointException {
        String x = hidden;
        if (cfg.projPrenorm()) {
            x = ops.layerNorm(x, PREFIX + "prenorm", c, PRENORM_EPS);
        }
        if (cfg.projPosEmb()) {
            x = ops.g.op("Add", x, ops.weight(PREFIX + "pos_emb", 1, cfg.tokens(), c));
        }
        int n = cfg.gridSide();
        String map = ops.reshape(ops.transpose(x, 0, 2, 1), 0, c, n, n); // b (h w) d -> b d h w
        return stage(map, blocks("net.0"));
    }

    /**
     * s1 map → [G, Q, C]: AdaptiveAvgPool to √Q × √Q (an exact strided mean, since √Q divides the
     * grid), s2, flatten row-major. May be called once per query count; s2's weights are read once.
     */
    String pooledTokens(String s1, int queries) throws CheckpointException {
        if (s2 == null) {
            s2 = blocks("net.2");
        }
        int side = (int) Math.round(Math.sqrt(queries));
        int k = cfg.gridSide() / side;
        String pooled = ops.g.op("AveragePool", attrs(Attr.ints("kernel_shape", k, k), Attr.ints("strides", k, k)), s1);
        String map = stage(pooled, s2);
        return ops.transpose(ops.reshape(map, 0, c, queries), 0, 2, 1); // b d h w -> b (h w) d
    }

    /**
     * [..., C] → [..., D]: Linear–SiLU–Linear, row by row. Call it once per graph (the Linear
     * writers add named initializers), on the rows of every pooling together.
     */
    String readout(String tokens, LinearWriter linears) throws CheckpointException {
        int d = cfg.textHidden();
        String y = ops.linear(linears, PREFIX + "readout.0", tokens, d, c);
        return ops.linear(linears, PREFIX + "readout.2", ops.silu(y), d, d);
    }

    /** The initializer names of one block, read once. */
    private record Block(String conv1, String[] norm1, String conv2, String[] norm2, String conv3, String[] norm3,
                         String fc1, String fc1Bias, String fc2, String fc2Bias) {
    }

    private List<Block> blocks(String stage) throws CheckpointException {
        List<Block> out = new ArrayList<>();
        for (int i = 1; i <= DEPTH; i++) {
            String p = PREFIX + stage + ".b" + i + ".";
            out.add(new Block(
                    ops.weight(p + "conv1.conv.weight", c, c, 1, 1), norm(p + "conv1.bn"),
                    ops.weight(p + "conv2.conv.weight", c, 1, 3, 3), norm(p + "conv2.bn"),
                    ops.weight(p + "conv3.conv.weight", c, c, 1, 1), norm(p + "conv3.bn"),
                    ops.weight(p + "se.fc1.weight", se, c, 1, 1), ops.weight(p + "se.fc1.bias", se),
                    ops.weight(p + "se.fc2.weight", c, se, 1, 1), ops.weight(p + "se.fc2.bias", c)));
        }
        return out;
    }

    private String[] norm(String prefix) throws CheckpointException {
        return new String[] {ops.weight(prefix + ".weight", c), ops.weight(prefix + ".bias", c)};
    }

    private String stage(String x, List<Block> blocks) {
        for (Block b : blocks) {
            x = block(x, b);
        }
        return x;
    }

    /**
     * timm RegNet Bottleneck (bottle_ratio 1, group_size 1, in == out, stride 1): conv1 1×1 → norm →
     * SiLU → depthwise 3×3 → norm → SiLU → SE → conv3 1×1 → norm → + x → SiLU. Convs are bias-free.
     */
    private String block(String x, Block b) {
        String y = ops.silu(norm2d(ops.conv(x, b.conv1, "", 1, 1), b.norm1));
        y = ops.silu(norm2d(ops.conv(y, b.conv2, "", 3, c), b.norm2));
        String squeezed = ops.g.op("ReduceMean", attrs(Attr.ints("axes", 2, 3), Attr.i("keepdims", 1)), y);
        String excite = ops.conv(ops.silu(ops.conv(squeezed, b.fc1, b.fc1Bias, 1, 1)), b.fc2, b.fc2Bias, 1, 1);
        y = ops.g.op("Mul", y, ops.g.op("Sigmoid", excite));
        y = norm2d(ops.conv(y, b.conv3, "", 1, 1), b.norm3);
        return ops.silu(ops.g.op("Add", y, x));
    }

    /** LayerNorm2d: normalise over channels at every pixel (NCHW → NHWC, LayerNorm on the last axis, back). */
    private String norm2d(String x, String[] weightBias) {
        String nhwc = ops.transpose(x, 0, 2, 3, 1);
        String normed = ops.g.op("LayerNormalization", attrs(Attr.i("axis", -1), Attr.f("epsilon", (float) NORM2D_EPS)),
                nhwc, weightBias[0], weightBias[1]);
        return ops.transpose(normed, 0, 3, 1, 2);
    }
}
