package io.glimpse.media.resize;

/**
 * The two convolution passes of {@link PilResampler}, as bands of rows that may run concurrently
 * (each band writes its own output rows). Implementations must produce, for every output sample,
 * exactly {@code clip8(HALF + Σ sample·weight)} in {@code int} arithmetic, Pillow's formula; the
 * order of the additions is free because two's-complement addition is associative.
 */
interface Kernels {

    /** Work on output rows {@code [from, to)}. */
    @FunctionalInterface
    interface Band {
        void run(int from, int to);
    }

    /**
     * The horizontal pass: output row {@code y} (width {@code c.size()}, 3 bytes per pixel, at
     * {@code out[y * c.size() * 3]}) is input row {@code firstRow + y} of {@code in} (rows
     * {@code inStride} bytes apart), resampled with {@code c}, whose starts are pixel columns of
     * {@code in}.
     */
    Band horizontal(byte[] in, int inStride, int firstRow, Coefficients c, byte[] out);

    /**
     * The vertical pass: output row {@code yy} ({@code rowBytes} bytes at {@code out[yy * rowBytes]})
     * sums rows {@code c.start[yy] ...} of {@code in} (rows {@code inStride} bytes apart, the first
     * {@code rowBytes} bytes of each used).
     */
    Band vertical(byte[] in, int inStride, int rowBytes, Coefficients c, byte[] out);
}
