package io.glimpse.media.video;

import io.glimpse.media.RgbImage;

/**
 * Drops frames that look the same as the last kept one: both are reduced to a 32×32 grey
 * thumbnail (box average) and compared by mean absolute difference. Cheap (one pass over the
 * pixels) and robust to compression noise. Not thread-safe: one instance per sampling run.
 */
final class NearDuplicateFilter {
    static final int SIDE = 32;

    private final double threshold;
    private float[] lastKept;
    private long lastKeptIndex = -1;
    private double lastDifference;

    NearDuplicateFilter(double threshold) {
        this.threshold = threshold;
    }

    /** Returns true when {@code frame} should be kept (and remembers it as the last kept one). */
    boolean keep(SampledFrame frame) {
        float[] thumb = thumbnail(frame.image());
        if (lastKept != null) {
            lastDifference = meanAbsDifference(lastKept, thumb);
            if (lastDifference < threshold) {
                return false;
            }
        }
        lastKept = thumb;
        lastKeptIndex = frame.index();
        return true;
    }

    long lastKeptIndex() {
        return lastKeptIndex;
    }

    double lastDifference() {
        return lastDifference;
    }

    static float[] thumbnail(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] px = image.toByteArray();
        float[] sum = new float[SIDE * SIDE];
        int[] count = new int[SIDE * SIDE];
        for (int y = 0; y < h; y++) {
            int ty = (int) ((long) y * SIDE / h);
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int tx = (int) ((long) x * SIDE / w);
                int o = row + x * 3;
                // ITU-R BT.601 luma, as PIL's convert("L")
                float grey = 0.299f * (px[o] & 0xFF) + 0.587f * (px[o + 1] & 0xFF) + 0.114f * (px[o + 2] & 0xFF);
                sum[ty * SIDE + tx] += grey;
                count[ty * SIDE + tx]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        }
        return sum;
    }

    static double meanAbsDifference(float[] a, float[] b) {
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            total += Math.abs(a[i] - b[i]);
        }
        return total / a.length;
    }
}
