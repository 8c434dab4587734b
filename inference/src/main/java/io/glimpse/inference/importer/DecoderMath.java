package io.glimpse.inference.importer;

/**
 * The parts of a decoder layer whose spelling depends on the op set: normalisation (with the
 * residual add) and attention. Both implementations compute the same function. Not thread-safe.
 */
interface DecoderMath {
    /** RMSNorm of {@code x} with this gain; {@code name} prefixes the gain's initializer. */
    String norm(String name, String x, float[] gain);

    /** {@code sum = residual + delta}; returns {@code [RMSNorm(sum) · gain, sum]}. */
    String[] addAndNorm(String name, String residual, String delta, float[] gain);

    /**
     * Self-attention of layer {@code layer} on the normed hidden state {@code h}, reading the graph inputs
     * {@code past_key_values.N.*}, writing the outputs {@code present.N.*}; returns the o_proj output.
     *
     * @param qkvo the q, k, v, o weights, [out, in] each
     */
    String attention(int layer, String h, float[][] qkvo, LinearWriter linear);
}
