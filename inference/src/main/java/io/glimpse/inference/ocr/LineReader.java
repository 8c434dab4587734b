package io.glimpse.inference.ocr;

import ai.onnxruntime.OrtSession;
import io.glimpse.media.CancelToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The stages after detection, as PaddleOCR's {@code TextSystem}: boxes in raster order, each line cropped
 * straight ({@code get_rotate_crop_image}), optionally turned by the 180-degree classifier
 * ({@code TextClassifier}: 48x192 input, turned when it says "180" with more than 0.9), then read by the
 * recogniser ({@code TextRecognizer}: height 48, batches of 6 lines sorted by aspect ratio, each batch as
 * wide as its widest line and at least 320) and CTC-decoded. Stateless.
 */
final class LineReader {
    static final int REC_HEIGHT = 48;
    static final int REC_MIN_WIDTH = 320;
    static final int CLS_WIDTH = 192;
    static final double CLS_THRESH = 0.9;
    static final int BATCH = 6;

    private LineReader() {
    }

    /**
     * @param cls    the classifier, or null to skip it
     * @param times  receives crop, classify and recognise milliseconds
     */
    static List<OcrLine> read(Pixels.Rgb image, List<DbPostProcess.Box> boxes, OrtSession cls, OrtSession rec, CtcDecoder decoder,
                              OcrListener listener, CancelToken cancel, double[] times) {
        long t0 = System.nanoTime();
        List<DbPostProcess.Box> ordered = RasterOrder.sort(boxes, DbPostProcess.Box::quad);
        Pixels.Rgb[] crops = new Pixels.Rgb[ordered.size()];
        for (int i = 0; i < crops.length; i++) {
            cancel.throwIfCancelled();
            crops[i] = crop(image, ordered.get(i).quad());
        }
        long t1 = System.nanoTime();
        if (cls != null) {
            listener.onStage(OcrListener.Stage.CLASSIFY);
            classify(cls, crops, cancel);
        }
        long t2 = System.nanoTime();
        listener.onStage(OcrListener.Stage.RECOGNISE);
        CtcDecoder.Decoded[] read = recognise(rec, decoder, crops, cancel);
        long t3 = System.nanoTime();
        times[0] = (t1 - t0) / 1e6;
        times[1] = (t2 - t1) / 1e6;
        times[2] = (t3 - t2) / 1e6;
        List<OcrLine> lines = new ArrayList<>();
        for (int i = 0; i < crops.length; i++) {
            lines.add(new OcrLine(ordered.get(i).quad(), read[i].text(), read[i].confidence()));
        }
        return lines;
    }

    static Pixels.Rgb crop(Pixels.Rgb image, Quad q) {
        int w = Math.max(1, (int) Math.max(q.side(0, 1), q.side(2, 3)));
        int h = Math.max(1, (int) Math.max(q.side(0, 3), q.side(1, 2)));
        Pixels.Rgb c = Pixels.crop(image, q, w, h);
        // a line much taller than wide is vertical text: read it turned (PaddleOCR's 1.5)
        return (double) h / w >= 1.5 ? Pixels.rotate90CounterClockwise(c) : c;
    }

    private static Integer[] byAspect(Pixels.Rgb[] crops) {
        Integer[] order = new Integer[crops.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> (double) crops[i].width() / crops[i].height()));
        return order;
    }

    private static void classify(OrtSession cls, Pixels.Rgb[] crops, CancelToken cancel) {
        Integer[] order = byAspect(crops);
        int plane = 3 * REC_HEIGHT * CLS_WIDTH;
        for (int b = 0; b < order.length; b += BATCH) {
            int n = Math.min(BATCH, order.length - b);
            float[] input = new float[n * plane];
            for (int k = 0; k < n; k++) {
                Pixels.normalisedLine(crops[order[b + k]], REC_HEIGHT, CLS_WIDTH, input, k * plane);
            }
            OnnxRun.Output out = OnnxRun.run(cls, input, new long[] {n, 3, REC_HEIGHT, CLS_WIDTH}, cancel);
            for (int k = 0; k < n; k++) {
                float upright = out.data()[k * 2];
                float turned = out.data()[k * 2 + 1];
                if (turned > upright && turned > CLS_THRESH) {
                    crops[order[b + k]] = Pixels.rotate180(crops[order[b + k]]);
                }
            }
        }
    }

    private static CtcDecoder.Decoded[] recognise(OrtSession rec, CtcDecoder decoder, Pixels.Rgb[] crops, CancelToken cancel) {
        Integer[] order = byAspect(crops);
        CtcDecoder.Decoded[] read = new CtcDecoder.Decoded[crops.length];
        for (int b = 0; b < order.length; b += BATCH) {
            int n = Math.min(BATCH, order.length - b);
            double maxRatio = (double) REC_MIN_WIDTH / REC_HEIGHT;
            for (int k = 0; k < n; k++) {
                Pixels.Rgb c = crops[order[b + k]];
                maxRatio = Math.max(maxRatio, (double) c.width() / c.height());
            }
            int width = (int) (REC_HEIGHT * maxRatio);
            int plane = 3 * REC_HEIGHT * width;
            float[] input = new float[n * plane];
            for (int k = 0; k < n; k++) {
                Pixels.normalisedLine(crops[order[b + k]], REC_HEIGHT, width, input, k * plane);
            }
            OnnxRun.Output out = OnnxRun.run(rec, input, new long[] {n, 3, REC_HEIGHT, width}, cancel);
            int steps = (int) out.shape()[1];
            for (int k = 0; k < n; k++) {
                read[order[b + k]] = decoder.decode(out.data(), k, steps);
            }
        }
        return read;
    }
}
