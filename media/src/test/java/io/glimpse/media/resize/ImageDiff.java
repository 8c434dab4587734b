package io.glimpse.media.resize;

import io.glimpse.media.RgbImage;

/** Per-sample comparison of two same-sized images. */
record ImageDiff(int maxAbs, int differingSamples, String firstDifference) {

    static ImageDiff of(RgbImage actual, RgbImage expected) {
        if (actual.width() != expected.width() || actual.height() != expected.height()) {
            throw new AssertionError("size " + actual + " != expected " + expected);
        }
        byte[] a = actual.toByteArray();
        byte[] e = expected.toByteArray();
        int max = 0;
        int differing = 0;
        String first = null;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xFF) - (e[i] & 0xFF));
            if (d != 0) {
                differing++;
                if (first == null) {
                    int p = i / 3;
                    first = "(" + (p % actual.width()) + "," + (p / actual.width()) + ") channel " + (i % 3)
                            + ": got " + (a[i] & 0xFF) + ", Pillow " + (e[i] & 0xFF);
                }
            }
            max = Math.max(max, d);
        }
        return new ImageDiff(max, differing, first);
    }

    @Override
    public String toString() {
        return "max |diff| " + maxAbs + ", " + differingSamples + " differing samples"
                + (firstDifference == null ? "" : ", first at " + firstDifference);
    }
}
