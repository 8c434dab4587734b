package io.glimpse.inference.ocr;

import ai.onnxruntime.OrtSession;
import io.glimpse.media.CancelToken;
import java.util.List;

/**
 * The detection stage, PaddleOCR's {@code TextDetector}: the picture resized so its long side is at most
 * 960 and each side a multiple of 32 ({@code DetResizeForTest}, limit type "max"), normalised with the
 * ImageNet mean and std ({@code NormalizeImage}), run through the DB model, then {@link DbPostProcess}.
 * Stateless.
 */
final class TextDetector {
    static final int LIMIT_SIDE = 960;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private TextDetector() {
    }

    record Detected(List<DbPostProcess.Box> boxes, int width, int height, double preprocessMs, double runMs, double postprocessMs) {
    }

    /** The detector's input size for a {@code w x h} picture: {width, height}. */
    static int[] inputSize(int w, int h) {
        double ratio = Math.max(w, h) > LIMIT_SIDE ? (double) LIMIT_SIDE / Math.max(w, h) : 1;
        int rw = (int) (w * ratio);
        int rh = (int) (h * ratio);
        // Python's round() rounds halves to even, as Math.rint
        return new int[] {Math.max((int) Math.rint(rw / 32.0) * 32, 32), Math.max((int) Math.rint(rh / 32.0) * 32, 32)};
    }

    static Detected detect(OrtSession session, Pixels.Rgb image, CancelToken cancel) {
        long t0 = System.nanoTime();
        int[] size = inputSize(image.width(), image.height());
        int w = size[0];
        int h = size[1];
        Pixels.Rgb small = Pixels.resize(image, w, h);
        cancel.throwIfCancelled();
        float[] input = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                // channel k of the tensor is BGR's k-th (cv2.imread order); the mean and std are applied in that order
                int k = 2 - c;
                input[k * plane + i] = ((small.data()[i * 3 + c] & 0xFF) / 255f - MEAN[k]) / STD[k];
            }
        }
        long t1 = System.nanoTime();
        OnnxRun.Output out = OnnxRun.run(session, input, new long[] {1, 3, h, w}, cancel);
        long t2 = System.nanoTime();
        int mapH = (int) out.shape()[2];
        int mapW = (int) out.shape()[3];
        List<DbPostProcess.Box> boxes = DbPostProcess.boxes(out.data(), mapW, mapH, image.width(), image.height(), cancel);
        long t3 = System.nanoTime();
        return new Detected(boxes, w, h, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
