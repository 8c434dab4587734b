package io.glimpse.inference.importer;

import java.util.Locale;

/** Which operators an imported decoder is written with. */
public enum Ops {
    /** Plain ONNX opset 17: runs on any ONNX runtime. */
    STANDARD,
    /**
     * ONNX Runtime's contrib ops, as onnxruntime-genai's model builder writes them for CPU:
     * {@code GroupQueryAttention} (rotary inside), {@code SimplifiedLayerNormalization},
     * {@code SkipSimplifiedLayerNormalization}, packed QKV.
     */
    FUSED;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Ops fromCliName(String name) {
        for (Ops o : values()) {
            if (o.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown op set '" + name + "' (known: standard, fused)");
    }
}
