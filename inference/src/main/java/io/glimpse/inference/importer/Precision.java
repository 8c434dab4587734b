package io.glimpse.inference.importer;

import java.util.Locale;

/** How the importer stores a decoder's Linear weights. */
public enum Precision {
    /** float32 weights, plain MatMul. */
    FP32,
    /** float16 weights, cast to float32 for the math (half the file, CPU math stays float32). */
    FP16,
    /** 8-bit symmetric blocks, ONNX Runtime's {@code com.microsoft.MatMulNBits}. */
    INT8,
    /** 4-bit symmetric blocks, ONNX Runtime's {@code com.microsoft.MatMulNBits}. */
    INT4;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision of a command-line name; the message lists the known names. */
    public static Precision fromCliName(String name) {
        for (Precision p : values()) {
            if (p.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "' (known: fp32, fp16, int8, int4)");
    }
}
