package io.glimpse.inference.importer;

import io.glimpse.inference.model.Float16;

/** Array helpers of the Linear writers. Stateless. */
final class Linears {
    private Linears() {
    }

    /** [rows, cols] → [cols, rows]. */
    static float[] transpose(float[] w, int rows, int cols) {
        if (w.length != rows * cols) {
            throw new IllegalArgumentException(w.length + " values for a [" + rows + ", " + cols + "] matrix");
        }
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    /** float32 → IEEE half bits, round to nearest even. */
    static short[] toHalves(float[] w) {
        short[] h = new short[w.length];
        for (int i = 0; i < w.length; i++) {
            h[i] = Float16.fromFloat(w[i]);
        }
        return h;
    }
}
