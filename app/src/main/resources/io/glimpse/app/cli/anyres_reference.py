"""PIL + numpy AnyRes preprocessing (hcx-spec.md §5.3), the side-by-side baseline of `glimpse bench plan`.

Usage: python3 anyres_reference.py IMAGE ROUNDS
Prints the best wall time in seconds of: thumbnail (resize_longside 378 BICUBIC + expand2square),
best-grid selection, BICUBIC resize, centred pad, crop into 378x378 tiles, rescale/normalize to
float32 NCHW [G, 3, 378, 378]. Decoding the file is not timed (the Java side starts from pixels too).
"""
import math
import sys
import time

import numpy as np
from PIL import Image

GRID = 378
FILL = (127, 127, 127)
RESOLUTIONS = [(i * GRID, j * GRID) for i in range(1, 10) for j in range(1, 10) if i * j <= 9]


def best_resolution(h, w):
    best, best_eff, best_waste = None, -1, float("inf")
    for (hc, wc) in RESOLUTIONS:
        scale = min(wc / w, hc / h)
        eff = min(int(w * scale) * int(h * scale), w * h)
        waste = hc * wc - eff
        if eff > best_eff or (eff == best_eff and waste < best_waste):
            best, best_eff, best_waste = (hc, wc), eff, waste
    return best


def preprocess(img):
    w, h = img.size
    long = max(w, h)
    tw, th = (GRID, math.ceil(h / w * GRID)) if w >= h else (math.ceil(w / h * GRID), GRID)
    thumb = img.resize((tw, th), Image.BICUBIC)
    square = Image.new("RGB", (GRID, GRID), FILL)
    square.paste(thumb, ((GRID - tw) // 2, (GRID - th) // 2))
    hc, wc = best_resolution(h, w)
    sw, sh = wc / w, hc / h
    if sw < sh:
        nw, nh = wc, min(math.ceil(h * sw), hc)
    else:
        nw, nh = min(math.ceil(w * sh), wc), hc
    local = img.resize((nw, nh), Image.BICUBIC)
    canvas = Image.new("RGB", (wc, hc), FILL)
    canvas.paste(local, ((wc - nw) // 2, (hc - nh) // 2))
    grids = [square] + [canvas.crop((x, y, x + GRID, y + GRID)) for y in range(0, hc, GRID) for x in range(0, wc, GRID)]
    arr = np.stack([np.asarray(g, dtype=np.float32) for g in grids]) * np.float32(1 / 255)
    arr = (arr - np.float32(0.5)) / np.float32(0.5)
    return np.ascontiguousarray(arr.transpose(0, 3, 1, 2))


def main():
    img = Image.open(sys.argv[1]).convert("RGB")
    img.load()
    rounds = int(sys.argv[2])
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        out = preprocess(img)
        best = min(best, time.perf_counter() - start)
    print(f"{best:.6f} {out.shape[0]}")


main()
