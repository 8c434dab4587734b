package io.glimpse.inference.sampling;

/**
 * How the next token is chosen, with the meaning of Hugging Face {@code generate()}'s arguments of the same
 * names ({@code do_sample}, {@code temperature}, {@code top_k}, {@code top_p}, {@code min_p},
 * {@code repetition_penalty}).
 *
 * <p>Immutable and therefore thread-safe; the {@code with...} methods return a new, re-validated instance.
 *
 * <p>Differences from transformers, on purpose:
 * <ul>
 *   <li>{@code temperature == 0} means greedy decoding: the constructor turns {@code doSample} off. Transformers
 *       rejects {@code do_sample=True, temperature=0} with an error; a UI slider that reaches 0 should simply stop
 *       sampling. Because of this, {@code withDoSample(true)} on a temperature-0 instance stays greedy.</li>
 *   <li>{@code topK == 0} and {@code minP == 0} mean "off", as they do in transformers' processor list (top-k 0 is
 *       never added; min-p 0 removes nothing).</li>
 *   <li>{@code seed == null} means a fresh random seed per {@link Sampler}; a fixed seed reproduces Glimpse's own
 *       token choices, not torch's (the random stream is {@link java.util.SplittableRandom}).</li>
 * </ul>
 *
 * @param doSample          false = greedy (argmax after the repetition penalty; the warpers are not applied)
 * @param temperature       logits are divided by it before top-k/top-p/min-p; 1 = unchanged, 0 = greedy
 * @param topK              keep the k most likely tokens (ties at the k-th value kept too); 0 = off
 * @param topP              nucleus: keep the most likely tokens whose mass reaches top-p; 1 = off
 * @param minP              drop tokens less likely than {@code minP} times the most likely one; 0 = off
 * @param repetitionPenalty CTRL-style penalty on every id in prompt + output; 1 = off, above 1 penalises
 * @param seed              random seed for sampling, or null for a random one
 */
public record SamplingParams(
        boolean doSample,
        double temperature,
        int topK,
        double topP,
        double minP,
        double repetitionPenalty,
        Long seed) {

    public SamplingParams {
        // NaN fails every "!(x op y)" check below, so it is rejected with the same messages.
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be a finite number >= 0 (0 means greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0 (0 turns it off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min-p must be in [0, 1], got " + minP);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException(
                    "repetition penalty must be a finite number > 0, got " + repetitionPenalty);
        }
        if (temperature == 0) {
            doSample = false; // our choice: temperature 0 is greedy rather than an error (see class comment)
        }
    }

    /** Transformers' default generation config with {@code do_sample=True}: temperature 1, top-k 50, rest off. */
    public static SamplingParams defaults() {
        return new SamplingParams(true, 1.0, 50, 1.0, 0.0, 1.0, null);
    }

    /**
     * Greedy decoding ({@code do_sample=False}, which is transformers' own default). The warper values are the
     * defaults and are ignored until {@link #withDoSample(boolean) withDoSample(true)}.
     */
    public static SamplingParams greedy() {
        return new SamplingParams(false, 1.0, 50, 1.0, 0.0, 1.0, null);
    }

    /** True when the next token is the argmax (after the repetition penalty) rather than a random draw. */
    public boolean isGreedy() {
        return !doSample;
    }

    public SamplingParams withDoSample(boolean value) {
        return new SamplingParams(value, temperature, topK, topP, minP, repetitionPenalty, seed);
    }

    public SamplingParams withTemperature(double value) {
        return new SamplingParams(doSample, value, topK, topP, minP, repetitionPenalty, seed);
    }

    public SamplingParams withTopK(int value) {
        return new SamplingParams(doSample, temperature, value, topP, minP, repetitionPenalty, seed);
    }

    public SamplingParams withTopP(double value) {
        return new SamplingParams(doSample, temperature, topK, value, minP, repetitionPenalty, seed);
    }

    public SamplingParams withMinP(double value) {
        return new SamplingParams(doSample, temperature, topK, topP, value, repetitionPenalty, seed);
    }

    public SamplingParams withRepetitionPenalty(double value) {
        return new SamplingParams(doSample, temperature, topK, topP, minP, value, seed);
    }

    /** A fixed seed (reproducible draws) or null (a random seed per {@link Sampler}). */
    public SamplingParams withSeed(Long value) {
        return new SamplingParams(doSample, temperature, topK, topP, minP, repetitionPenalty, value);
    }
}
