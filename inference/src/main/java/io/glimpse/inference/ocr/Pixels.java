package io.glimpse.inference.ocr;

/**
 * The image operations of the OCR pipeline on interleaved 8-bit RGB ({@code width * height * 3} bytes),
 * with OpenCV's conventions where PaddleOCR relies on them: bilinear resize with half-pixel centres
 * ({@code cv2.INTER_LINEAR}), replicated borders, and {@code np.rot90}'s turn direction. Stateless.
 */
final class Pixels {
    private Pixels() {
    }

    /** A picture: interleaved RGB. */
    record Rgb(int width, int height, byte[] data) {
        int at(int x, int y, int c) {
            return data[(y * width + x) * 3 + c] & 0xFF;
        }
    }

    /**
     * Samples {@code src} at (fx, fy), pixel centres at integers, bilinear, borders replicated; writes the
     * three channels to {@code out}.
     */
    static void bilinear(Rgb src, double fx, double fy, float[] out) {
        double x = Math.min(Math.max(fx, 0), src.width() - 1);
        double y = Math.min(Math.max(fy, 0), src.height() - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, src.width() - 1);
        int y1 = Math.min(y0 + 1, src.height() - 1);
        double ax = x - x0;
        double ay = y - y0;
        for (int c = 0; c < 3; c++) {
            double top = src.at(x0, y0, c) * (1 - ax) + src.at(x1, y0, c) * ax;
            double bottom = src.at(x0, y1, c) * (1 - ax) + src.at(x1, y1, c) * ax;
            out[c] = (float) (top * (1 - ay) + bottom * ay);
        }
    }

    /** {@code cv2.resize(src, (w, h))}: bilinear, half-pixel centres. */
    static Rgb resize(Rgb src, int w, int h) {
        byte[] out = new byte[w * h * 3];
        double sx = (double) src.width() / w;
        double sy = (double) src.height() / h;
        float[] px = new float[3];
        for (int y = 0; y < h; y++) {
            double fy = (y + 0.5) * sy - 0.5;
            for (int x = 0; x < w; x++) {
                bilinear(src, (x + 0.5) * sx - 0.5, fy, px);
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) Math.round(px[c]);
                }
            }
        }
        return new Rgb(w, h, out);
    }

    /**
     * The text line inside {@code q} straightened to {@code w x h} (PaddleOCR's {@code get_rotate_crop_image}).
     * The corners are mapped bilinearly rather than by a full homography: the boxes are minimum-area
     * rectangles, for which both maps are the same up to the boxes' integer rounding.
     */
    static Rgb crop(Rgb src, Quad q, int w, int h) {
        byte[] out = new byte[w * h * 3];
        float[] px = new float[3];
        for (int y = 0; y < h; y++) {
            double v = (double) y / h;
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double fx = (1 - u) * (1 - v) * q.x0() + u * (1 - v) * q.x1() + u * v * q.x2() + (1 - u) * v * q.x3();
                double fy = (1 - u) * (1 - v) * q.y0() + u * (1 - v) * q.y1() + u * v * q.y2() + (1 - u) * v * q.y3();
                bilinear(src, fx, fy, px);
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) Math.round(px[c]);
                }
            }
        }
        return new Rgb(w, h, out);
    }

    /** A quarter turn counter-clockwise, as {@code np.rot90(img)}: for lines taller than wide (vertical text). */
    static Rgb rotate90CounterClockwise(Rgb src) {
        int w = src.height();
        int h = src.width();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // output (x, y) comes from input (W-1-y, x)
                int si = (x * src.width() + (src.width() - 1 - y)) * 3;
                System.arraycopy(src.data(), si, out, (y * w + x) * 3, 3);
            }
        }
        return new Rgb(w, h, out);
    }

    static Rgb rotate180(Rgb src) {
        int n = src.width() * src.height();
        byte[] out = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(src.data(), (n - 1 - i) * 3, out, i * 3, 3);
        }
        return new Rgb(src.width(), src.height(), out);
    }

    /**
     * PaddleOCR's {@code resize_norm_img} of the recogniser and classifier: height {@code targetH}, width
     * from the aspect ratio (at most {@code targetW}), {@code (x - 127.5) / 127.5}, zero-padded on the right,
     * written as CHW into {@code dst} at {@code offset}. The channels go in BGR order: PaddleOCR trains and
     * infers on {@code cv2.imread} pictures, which are BGR.
     */
    static void normalisedLine(Rgb line, int targetH, int targetW, float[] dst, int offset) {
        double ratio = (double) line.width() / line.height();
        int w = (int) Math.ceil(targetH * ratio) > targetW ? targetW : (int) Math.ceil(targetH * ratio);
        w = Math.max(1, w);
        Rgb r = resize(line, w, targetH);
        int plane = targetH * targetW;
        for (int y = 0; y < targetH; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    dst[offset + (2 - c) * plane + y * targetW + x] = (r.at(x, y, c) - 127.5f) / 127.5f;
                }
            }
        }
    }
}
