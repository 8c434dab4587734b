package io.glimpse.inference.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * PaddleOCR's {@code CTCLabelDecode}, greedy: the most likely class at each time step, repeats merged,
 * the blank (class 0) dropped; the confidence is the mean probability of the characters kept. Classes are
 * the blank, the dictionary, then a space ({@code use_space_char}). Immutable, thread-safe.
 */
final class CtcDecoder {
    private final String[] classes;

    CtcDecoder(List<String> dictionary) {
        List<String> c = new ArrayList<>(dictionary.size() + 2);
        c.add("");
        c.addAll(dictionary);
        c.add(" ");
        classes = c.toArray(String[]::new);
    }

    int classCount() {
        return classes.length;
    }

    /** A decoded line: text and confidence (0 when nothing was read). */
    record Decoded(String text, double confidence) {
    }

    /** Decodes item {@code n} of a {@code [N, steps, classCount]} probability tensor. */
    Decoded decode(float[] probs, int n, int steps) {
        int c = classes.length;
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int base = (n * steps + t) * c;
            int best = 0;
            float bestP = probs[base];
            for (int k = 1; k < c; k++) {
                if (probs[base + k] > bestP) {
                    bestP = probs[base + k];
                    best = k;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes[best]);
                sum += bestP;
                kept++;
            }
            previous = best;
        }
        return new Decoded(text.toString(), kept == 0 ? 0 : sum / kept);
    }
}
