#!/usr/bin/python3
"""Reference tiles for HcxImageProcessorTest / HcxVideoProcessorTest (run ONCE with Debian's Pillow).

Follows hcx-spec.md §5.3 literally with PIL (resize BICUBIC, Image.new + paste for padding, crop
for tiles) and §6.3 (LANCZOS frame shrink, int() rounding). The input is a deterministic pattern
that the Java test regenerates: r = x*255//(w-1), g = y*255//(h-1), b = 255 on odd 16-px checker cells.

Usage: cd inference/src/test/resources/hcx && /usr/bin/python3 make_reference.py [FIXTURE_IMAGES_DIR]
With the shared fixture folder (../shared/fixtures/images) it also writes fixture_tiles.txt: the
SHA-256 of every grid's raw RGB bytes for the real photos (too large to store as PNG); the fixture
README states that ImageIO and Pillow 9.4 decode them identically.
"""
import hashlib
import math
import os
import sys
import PIL
from PIL import Image

GRID = 378
FILL = tuple(int(m * 255) for m in (0.5, 0.5, 0.5))  # (127, 127, 127)


def pattern(w, h):
    im = Image.new("RGB", (w, h))
    im.putdata([(x * 255 // (w - 1), y * 255 // (h - 1), 255 if (x // 16 + y // 16) % 2 else 0)
                for y in range(h) for x in range(w)])
    return im


def resolutions(max_grids=9):  # §5.2, use_1x1_grid included
    return [[i * GRID, j * GRID] for i in range(1, 10) for j in range(1, 10) if i * j <= max_grids]


def select_best(h, w, res):  # §5.3 step 2
    best, max_eff, min_waste = None, 0, float("inf")
    for hc, wc in res:
        scale = min(wc / w, hc / h)
        eff = min(int(w * scale) * int(h * scale), w * h)
        waste = hc * wc - eff
        if eff > max_eff or (eff == max_eff and waste < min_waste):
            best, max_eff, min_waste = (hc, wc), eff, waste
    return best


def thumbnail(im):  # §5.3 step 1: resize_longside + expand2square
    w, h = im.size
    if w == h:
        nw = nh = GRID
    elif w > h:
        nw, nh = GRID, math.ceil(h / w * GRID)
    else:
        nw, nh = math.ceil(w / h * GRID), GRID
    small = im.resize((nw, nh), Image.BICUBIC)
    side = max(nw, nh)
    sq = Image.new("RGB", (side, side), FILL)
    sq.paste(small, ((side - nw) // 2, (side - nh) // 2))
    return sq


def local_tiles(im):  # §5.3 steps 2-5
    w, h = im.size
    hc, wc = select_best(h, w, resolutions())
    sw, sh = wc / w, hc / h
    if sw < sh:
        nw, nh = wc, min(math.ceil(h * sw), hc)
    else:
        nw, nh = min(math.ceil(w * sh), wc), hc
    padded = Image.new("RGB", (wc, hc), FILL)
    padded.paste(im.resize((nw, nh), Image.BICUBIC), ((wc - nw) // 2, (hc - nh) // 2))
    tiles = [padded.crop((c * GRID, r * GRID, (c + 1) * GRID, (r + 1) * GRID))
             for r in range(hc // GRID) for c in range(wc // GRID)]
    return (hc, wc), (nw, nh), tiles


def shrink(im, max_side=GRID):  # §6.3 NAVER resize_image
    w, h = im.size
    if max(w, h) > max_side:
        s = max_side / max(w, h)
        im = im.resize((int(w * s), int(h * s)), Image.LANCZOS)
    return im


if __name__ == "__main__":
    print("Pillow", PIL.__version__)
    for w, h in [(640, 480), (1000, 300)]:
        im = pattern(w, h)
        best, size, tiles = local_tiles(im)
        grids = [thumbnail(im)] + tiles
        print(f"{w}x{h}: best {best} local resize {size} grids {len(grids)}")
        for g in range(len(grids)):
            grids[g].save(f"pattern_{w}x{h}_grid{g}.png", optimize=True)
    fr = shrink(pattern(1000, 300))
    print("shrunk frame", fr.size)
    fr.save("pattern_1000x300_lanczos378.png", optimize=True)

    if len(sys.argv) > 1:
        with open("fixture_tiles.txt", "w") as out:
            out.write("# file grid best_height best_width sha256(raw RGB of the 378x378 grid)\n")
            for name in ["cars.jpg", "australia.jpg", "landscape.jpg", "10809054.jpg"]:
                im = Image.open(os.path.join(sys.argv[1], name)).convert("RGB")
                best, size, tiles = local_tiles(im)
                for g, t in enumerate([thumbnail(im)] + tiles):
                    out.write(f"{name} {g} {best[0]} {best[1]} {hashlib.sha256(t.tobytes()).hexdigest()}\n")
                print(name, im.size, "best", best, "local resize", size, "grids", 1 + len(tiles))
