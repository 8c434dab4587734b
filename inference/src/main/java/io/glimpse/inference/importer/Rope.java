package io.glimpse.inference.importer;

/**
 * Rotary position frequencies, as Hugging Face transformers computes them: float32 {@code inv_freq[j] =
 * 1 / theta^(2j / head_dim)} ({@code _compute_default_rope_parameters}), optionally rescaled by the
 * Llama 3 rule ({@code _compute_llama3_parameters}). Every step is rounded to float32 where torch's
 * float32 tensors round, so the tables equal the reference's. Immutable and thread-safe.
 *
 * @param theta   {@code rope_theta}
 * @param llama3  the Llama 3 scaling, or null for none
 */
public record Rope(double theta, Llama3Scaling llama3) {
    /** {@code rope_scaling} of type {@code llama3}. */
    public record Llama3Scaling(double factor, double lowFreqFactor, double highFreqFactor, double originalMaxPositions) {
    }

    /** The {@code head_dim / 2} inverse frequencies. */
    public float[] inverseFrequencies(int headDim) {
        float[] inv = new float[headDim / 2];
        for (int j = 0; j < inv.length; j++) {
            float exponent = (float) (2 * j) / (float) headDim;
            float power = (float) Math.pow(theta, exponent);
            inv[j] = 1.0f / power;
        }
        return llama3 == null ? inv : scaled(inv);
    }

    /** transformers' {@code _compute_llama3_parameters}, element by element in float32. */
    private float[] scaled(float[] inv) {
        double lowWavelen = llama3.originalMaxPositions / llama3.lowFreqFactor;
        double highWavelen = llama3.originalMaxPositions / llama3.highFreqFactor;
        float factor = (float) llama3.factor;
        float[] out = new float[inv.length];
        for (int j = 0; j < inv.length; j++) {
            float wavelen = (float) (2 * Math.PI) / inv[j];
            float llama = wavelen > lowWavelen ? inv[j] / factor : inv[j];
            float smooth = (float) (((float) (llama3.originalMaxPositions / wavelen) - llama3.lowFreqFactor)
                    / (llama3.highFreqFactor - llama3.lowFreqFactor));
            float smoothed = (1 - smooth) * llama / factor + smooth * llama;
            boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
            out[j] = medium ? smoothed : llama;
        }
        return out;
    }

    /**
     * The cos and sin tables {@code [positions, head_dim / 2]} of ONNX Runtime's rotary kernels:
     * angle = float32(position · inv_freq[j]), as transformers' float32 product.
     */
    public float[][] cosSinTables(int headDim, int positions) {
        return cosSinTables(headDim, positions, io.glimpse.media.CancelToken.NONE);
    }

    /** {@link #cosSinTables(int, int)}, honouring a cancel request every 4096 rows (a long context has 10⁵ of them). */
    public float[][] cosSinTables(int headDim, int positions, io.glimpse.media.CancelToken cancel) {
        float[] inv = inverseFrequencies(headDim);
        int half = inv.length;
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            if ((p & 4095) == 0) {
                cancel.throwIfCancelled();
            }
            for (int j = 0; j < half; j++) {
                float angle = (float) p * inv[j];
                cos[p * half + j] = (float) Math.cos(angle);
                sin[p * half + j] = (float) Math.sin(angle);
            }
        }
        return new float[][] {cos, sin};
    }
}
