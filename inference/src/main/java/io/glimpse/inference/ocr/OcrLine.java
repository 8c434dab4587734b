package io.glimpse.inference.ocr;

/** One text line read in a picture: its box (picture pixels), text and confidence (0..1). */
public record OcrLine(Quad box, String text, double confidence) {
}
