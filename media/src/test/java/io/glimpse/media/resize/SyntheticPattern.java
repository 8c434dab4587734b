package io.glimpse.media.resize;

import io.glimpse.media.RgbImage;

/**
 * The deterministic test pattern of {@code pil-resize/make_reference.py}, re-implemented bit for
 * bit so that only Pillow's outputs need to be stored: four vertical bands of hashed noise, a
 * modular gradient, a hard checkerboard (overshoot / clipping) and smooth ramps.
 */
final class SyntheticPattern {
    private SyntheticPattern() {
    }

    static RgbImage create(int w, int h, int seed) {
        byte[] px = new byte[w * h * 3];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int band = (x * 4) / w;
                for (int c = 0; c < 3; c++) {
                    int v;
                    if (band == 0) {
                        v = hash8(x, y, c, seed);
                    } else if (band == 1) {
                        v = (x * 7 + y * 13 + c * 50) % 256;
                    } else if (band == 2) {
                        v = (x / 3 + y / 2 + c + seed) % 2 != 0 ? 255 : 0;
                    } else {
                        v = (y / 4 + c) % 2 == 0
                                ? (x * 255) / Math.max(w - 1, 1)
                                : 255 - (y * 255) / Math.max(h - 1, 1);
                    }
                    px[i++] = (byte) v;
                }
            }
        }
        return RgbImage.wrap(w, h, px);
    }

    /** Murmur-style 32-bit finaliser; Java's wrapping int multiply equals Python's "& 0xFFFFFFFF". */
    static int hash8(int x, int y, int c, int seed) {
        int h = x * 0x9E3779B1 + y * 0x85EBCA77 + c * 0xC2B2AE3D + seed * 0x27D4EB2F;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        h *= 0x297A2D39;
        h ^= h >>> 15;
        return (h >>> 8) & 0xFF;
    }
}
