package io.glimpse.inference.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the OCR read in a picture: the lines in raster order, the size the detector saw (the picture
 * downscaled so its long side is at most 960, in multiples of 32) and the timings. Immutable.
 */
public record OcrResult(List<OcrLine> lines, int width, int height, int detectWidth, int detectHeight, OcrTimings timings) {
    public OcrResult {
        lines = List.copyOf(lines);
    }

    /** The lines' text, one a line, in raster order: what goes into the image's OCR block. "" when none. */
    public String text() {
        return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
    }
}
