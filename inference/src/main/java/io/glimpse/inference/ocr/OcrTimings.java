package io.glimpse.inference.ocr;

/**
 * Where one OCR's time went, in milliseconds: detection's resize and normalisation, its ONNX run, the DB
 * post-processing, the crops, the 180-degree classifier (0 when off) and the recogniser.
 */
public record OcrTimings(double detPreprocessMs, double detRunMs, double detPostprocessMs, double cropMs, double classifyMs,
                         double recogniseMs, double totalMs) {
    public static final OcrTimings ZERO = new OcrTimings(0, 0, 0, 0, 0, 0, 0);

    public double detectMs() {
        return detPreprocessMs + detRunMs + detPostprocessMs;
    }
}
