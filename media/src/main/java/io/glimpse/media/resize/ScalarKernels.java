package io.glimpse.media.resize;

import static io.glimpse.media.resize.Coefficients.HALF;
import static io.glimpse.media.resize.Coefficients.clip8;

import java.util.Arrays;

/**
 * The passes in plain Java, one sample at a time: the reference the vector kernels are tested
 * against, and what runs when the Vector API module is not in the JVM. Stateless, thread-safe.
 */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    /** Each output pixel is a dot product over a run of source pixels; the channels share the weights. */
    @Override
    public Band horizontal(byte[] in, int inStride, int firstRow, Coefficients c, byte[] out) {
        int outW = c.size();
        int[] k = c.weights;
        int ksize = c.ksize;
        int[] count = c.count;
        int[] start3 = new int[outW];
        for (int xx = 0; xx < outW; xx++) {
            start3[xx] = c.start[xx] * 3;
        }
        return (from, to) -> {
            int o = from * outW * 3;
            for (int y = from; y < to; y++) {
                int rowOff = (firstRow + y) * inStride;
                for (int xx = 0; xx < outW; xx++) {
                    int s0 = HALF;
                    int s1 = HALF;
                    int s2 = HALF;
                    int p = rowOff + start3[xx];
                    int kb = xx * ksize;
                    int n = count[xx];
                    for (int i = 0; i < n; i++, p += 3) {
                        int w = k[kb + i];
                        s0 += (in[p] & 0xFF) * w;
                        s1 += (in[p + 1] & 0xFF) * w;
                        s2 += (in[p + 2] & 0xFF) * w;
                    }
                    out[o] = clip8(s0);
                    out[o + 1] = clip8(s1);
                    out[o + 2] = clip8(s2);
                    o += 3;
                }
            }
        };
    }

    /** Whole source rows are accumulated into an int row, so memory is read sequentially. */
    @Override
    public Band vertical(byte[] in, int inStride, int rowBytes, Coefficients c, byte[] out) {
        int[] k = c.weights;
        int ksize = c.ksize;
        return (from, to) -> {
            int[] acc = new int[rowBytes]; // one per band, reused for every row of it
            for (int yy = from; yy < to; yy++) {
                Arrays.fill(acc, HALF);
                int ymin = c.start[yy];
                int n = c.count[yy];
                int kb = yy * ksize;
                for (int i = 0; i < n; i++) {
                    int wgt = k[kb + i];
                    int off = (ymin + i) * inStride;
                    for (int j = 0; j < rowBytes; j++) {
                        acc[j] += (in[off + j] & 0xFF) * wgt;
                    }
                }
                int o = yy * rowBytes;
                for (int j = 0; j < rowBytes; j++) {
                    out[o + j] = clip8(acc[j]);
                }
            }
        };
    }
}
