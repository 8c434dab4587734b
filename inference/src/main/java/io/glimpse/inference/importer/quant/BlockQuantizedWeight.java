package io.glimpse.inference.importer.quant;

/**
 * A Linear weight quantized symmetrically in blocks along K, in the exact layout ONNX Runtime's
 * {@code com.microsoft.MatMulNBits} reads without zero points:
 * <ul>
 *   <li>{@code packed}: uint8 {@code [N, blocks, blockSize·bits/8]}, row n of the weight (one output
 *       feature) block after block; 4-bit codes two to a byte, the even k in the low nibble;</li>
 *   <li>{@code scales}: float32 {@code [N·blocks]}, n-major;</li>
 *   <li>the implied zero point {@code 2^(bits−1)}: {@code w ≈ (code − 2^(bits−1)) · scale}.</li>
 * </ul>
 * When K is not a multiple of the block, the last block of each row is padded with code 0 (the
 * kernel never multiplies padding into the result). Immutable once built; the arrays are not copied,
 * so do not change them.
 *
 * @param packed    the codes, {@code n · blocks · blobSize} bytes
 * @param scales    one per block, {@code n · blocks}
 * @param n         output features (rows of the checkpoint's [out, in] weight)
 * @param k         input features
 * @param bits      4 or 8
 * @param blockSize codes per scale, a power of two ≥ 16
 */
public record BlockQuantizedWeight(byte[] packed, float[] scales, int n, int k, int bits, int blockSize) {

    /** Blocks per row: ceil(K / blockSize). */
    public int blocks() {
        return (k + blockSize - 1) / blockSize;
    }

    /** Bytes per block. */
    public int blobSize() {
        return blockSize * bits / 8;
    }

    /** The kernel's default zero point, 2^(bits−1). */
    public int zeroPoint() {
        return 1 << (bits - 1);
    }

    /**
     * Quantizes an [n, k] row-major weight with onnxruntime's own symmetric rule
     * ({@code MlasQuantizeBlockwise}, {@code range2scale} in {@code core/mlas/lib/q4_dq.cpp}): per
     * block, take the value of largest magnitude with its sign (the minimum on a tie), let
     * {@code scale = −that / 2^(bits−1)}, and {@code code = clamp(roundf(w · (1/scale) + 2^(bits−1)),
     * 0, 2^bits − 1)}, all in float32 as the C++ does, so the bytes equal onnxruntime's. The negative
     * scale maps the larger half of the range onto the code side that has one more step (−8 vs +7).
     * An all-zero block gets scale 0 and codes at the zero point (no division by zero).
     */
    public static BlockQuantizedWeight quantize(float[] weight, int n, int k, int bits, int blockSize) {
        requireLayout(bits, blockSize);
        if (n <= 0 || k <= 0 || (long) n * k != weight.length) {
            throw new IllegalArgumentException(weight.length + " values for an [" + n + ", " + k + "] weight");
        }
        int blocks = (k + blockSize - 1) / blockSize;
        int blob = blockSize * bits / 8;
        byte[] packed = new byte[Math.toIntExact((long) n * blocks * blob)];
        float[] scales = new float[Math.toIntExact((long) n * blocks)];
        int zero = 1 << (bits - 1);
        float half = zero;
        float maxCode = (1 << bits) - 1;
        for (int row = 0; row < n; row++) {
            int rowStart = row * k;
            for (int b = 0; b < blocks; b++) {
                int from = b * blockSize;
                int to = Math.min(from + blockSize, k);
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (int i = from; i < to; i++) {
                    float v = weight[rowStart + i];
                    // compared as the C++ does (not Math.min), so the sign of a zero scale matches too
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                float signedMax = Math.abs(max) > Math.abs(min) ? max : min;
                float scale = -signedMax / half;
                float reciprocal = scale != 0 ? 1.0f / scale : 0.0f;
                scales[row * blocks + b] = scale;
                int blobStart = (row * blocks + b) * blob;
                for (int i = from; i < to; i++) {
                    float x = weight[rowStart + i] * reciprocal + zero;
                    int code = (int) Math.min(Math.max(roundHalfAwayFromZero(x), 0f), maxCode);
                    int at = i - from;
                    if (bits == 8) {
                        packed[blobStart + at] = (byte) code;
                    } else {
                        packed[blobStart + at / 2] |= (byte) (at % 2 == 0 ? code : code << 4);
                    }
                }
            }
        }
        return new BlockQuantizedWeight(packed, scales, n, k, bits, blockSize);
    }

    /** The weight the kernel computes with, [n, k] row-major: (code − zero point) · scale. */
    public float[] dequantize() {
        float[] w = new float[Math.toIntExact((long) n * k)];
        int blocks = blocks();
        int blob = blobSize();
        int zero = zeroPoint();
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < k; i++) {
                int b = i / blockSize;
                int at = i % blockSize;
                int byteAt = (row * blocks + b) * blob + (bits == 8 ? at : at / 2);
                int raw = packed[byteAt] & 0xFF;
                int code = bits == 8 ? raw : (at % 2 == 0 ? raw & 0x0F : raw >>> 4);
                w[row * k + i] = (code - zero) * scales[row * blocks + b];
            }
        }
        return w;
    }

    /** C's roundf: halves away from zero (Math.round would send −2.5 to −2). Exact in double for float inputs. */
    static float roundHalfAwayFromZero(float x) {
        double r = Math.floor(Math.abs((double) x) + 0.5);
        return (float) Math.copySign(r, x);
    }

    static void requireLayout(int bits, int blockSize) {
        if (bits != 4 && bits != 8) {
            throw new IllegalArgumentException("bits must be 4 or 8, not " + bits);
        }
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two ≥ 16, not " + blockSize);
        }
    }
}
