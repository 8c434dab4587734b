package io.glimpse.media.resize;

import static io.glimpse.media.resize.Coefficients.HALF;
import static io.glimpse.media.resize.Coefficients.PRECISION_BITS;
import static io.glimpse.media.resize.Coefficients.clip8;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The passes with the (incubating) Vector API, {@code L} int lanes at a time (16 with AVX-512, 8
 * with AVX2). Java 17's auto-vectoriser does not widen bytes to ints, so the loops are written
 * out; the integer results are those of {@link ScalarKernels}, sample for sample. Only loaded when
 * the {@code jdk.incubator.vector} module is present. Stateless, thread-safe.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int L = INTS.length();
    /** As many bytes as there are int lanes: one load widens into one int vector. */
    private static final VectorSpecies<Byte> BYTES = L >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : ByteVector.SPECIES_64; // unused unless usable()
    /** Whole RGB pixels per int vector (5 of 16 lanes; the last lane gets weight zero). */
    private static final int TAPS = L / 3;

    private VectorKernels() {
    }

    static int lanes() {
        return L;
    }

    /** Whether the lane count is one the channel sums below are written for (AVX2 or AVX-512). */
    static boolean usable() {
        return L == 8 || L == 16;
    }

    /**
     * Per output pixel, its run of source pixels is read {@code TAPS} pixels (3·TAPS bytes) per
     * vector, interleaved R, G, B as stored, against weights laid out the same way
     * ({@code w0 w0 w0 w1 w1 w1 ...}); the lanes of each channel are summed at the end by adding
     * the vector to itself shifted by 3, 6 and 12 lanes (cheaper than storing and adding 15 ints). A pixel
     * whose last vector would read past the end of {@code in} is done one sample at a time.
     */
    @Override
    public Band horizontal(byte[] in, int inStride, int firstRow, Coefficients c, byte[] out) {
        int outW = c.size();
        int chunks = (c.ksize + TAPS - 1) / TAPS;
        int stride = chunks * L;
        int[] wide = new int[Math.multiplyExact(outW, stride)];
        int[] vectors = new int[outW];
        int[] start3 = new int[outW];
        for (int xx = 0; xx < outW; xx++) {
            int n = c.count[xx];
            for (int i = 0; i < n; i++) {
                int at = xx * stride + (i / TAPS) * L + (i % TAPS) * 3;
                int w = c.weights[xx * c.ksize + i];
                wide[at] = w;
                wide[at + 1] = w;
                wide[at + 2] = w;
            }
            vectors[xx] = (n + TAPS - 1) / TAPS;
            start3[xx] = c.start[xx] * 3;
        }
        return (from, to) -> {
            for (int y = from; y < to; y++) {
                horizontalRow(in, (firstRow + y) * inStride, c, wide, stride, vectors, start3, out, y * outW * 3);
            }
        };
    }

    /**
     * One output row. A method of its own (not a loop inside the band) so that the JIT compiles it
     * after a few rows: interpreted, every vector operation allocates, which would make the first
     * resize of a large picture slower than the scalar loop.
     */
    private static void horizontalRow(byte[] in, int rowOff, Coefficients c, int[] wide, int stride, int[] vectors,
            int[] start3, byte[] out, int o) {
        int step = TAPS * 3;
        int outW = vectors.length;
        for (int xx = 0; xx < outW; xx++, o += 3) {
            int p = rowOff + start3[xx];
            int nv = vectors[xx];
            if (p + (nv - 1) * step + L > in.length) {
                tail(in, p, c, xx, out, o);
                continue;
            }
            int wb = xx * stride;
            IntVector acc = IntVector.zero(INTS);
            for (int v = 0; v < nv; v++) {
                IntVector px = widen(ByteVector.fromArray(BYTES, in, p + v * step));
                acc = acc.add(px.mul(IntVector.fromArray(INTS, wide, wb + v * L)));
            }
            // Lanes 3t + c summed per channel c by shifting whole vectors (slice fills with zeros).
            IntVector a = acc.add(acc.slice(3));
            if (TAPS > 2) {
                a = a.add(a.slice(6));
            }
            if (TAPS > 4) {
                a = a.add(acc.slice(12));
            }
            int s0 = HALF + a.lane(0);
            int s1 = HALF + a.lane(1);
            int s2 = HALF + a.lane(2);
            out[o] = clip8(s0);
            out[o + 1] = clip8(s1);
            out[o + 2] = clip8(s2);
        }
    }

    private static void tail(byte[] in, int p, Coefficients c, int xx, byte[] out, int o) {
        int s0 = HALF;
        int s1 = HALF;
        int s2 = HALF;
        int kb = xx * c.ksize;
        for (int i = 0; i < c.count[xx]; i++, p += 3) {
            int w = c.weights[kb + i];
            s0 += (in[p] & 0xFF) * w;
            s1 += (in[p + 1] & 0xFF) * w;
            s2 += (in[p + 2] & 0xFF) * w;
        }
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
    }

    /** {@code L} output bytes at a time: all taps accumulated in registers, then shifted, clamped, narrowed. */
    @Override
    public Band vertical(byte[] in, int inStride, int rowBytes, Coefficients c, byte[] out) {
        int[] k = c.weights;
        int ksize = c.ksize;
        return (from, to) -> {
            for (int yy = from; yy < to; yy++) {
                verticalRow(in, c.start[yy] * inStride, inStride, c.count[yy], k, yy * ksize, out, yy * rowBytes, rowBytes);
            }
        };
    }

    /** One output row; a method of its own for the JIT, as {@link #horizontalRow}. */
    private static void verticalRow(byte[] in, int first, int inStride, int n, int[] k, int kb, byte[] out, int o,
            int rowBytes) {
        int vectorBytes = rowBytes - rowBytes % L;
        for (int j = 0; j < vectorBytes; j += L) {
            IntVector acc = IntVector.broadcast(INTS, HALF);
            for (int i = 0, off = first + j; i < n; i++, off += inStride) {
                acc = acc.add(widen(ByteVector.fromArray(BYTES, in, off)).mul(k[kb + i]));
            }
            acc = acc.lanewise(VectorOperators.ASHR, PRECISION_BITS).max(0).min(255);
            ((ByteVector) acc.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(out, o + j);
        }
        for (int j = vectorBytes; j < rowBytes; j++) {
            int s = HALF;
            for (int i = 0, off = first + j; i < n; i++, off += inStride) {
                s += (in[off] & 0xFF) * k[kb + i];
            }
            out[o + j] = clip8(s);
        }
    }

    /** Unsigned bytes to ints. */
    private static IntVector widen(ByteVector b) {
        return ((IntVector) b.convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
    }
}
