#!/usr/bin/env python3
"""Reads Xvfb's screen (an XWD file, from -fbdir) for smoke-test.sh, with the standard library only.

  screen.py visible XWD      exit 0 when at least a tenth of the screen is not black (Xvfb -br: the window drew)
  screen.py check OUT.png XWD  exit 0 when the screen is a picture, not a blank: a tenth drawn and 16+ colours;
                             writes the screen as OUT.png
"""
import struct
import sys
import zlib


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    h = struct.unpack(">25I", data[:100])
    header_size, width, height, bpp, bytes_per_line, ncolors = h[0], h[4], h[5], h[11], h[12], h[19]
    if bpp != 32:
        sys.exit("screen.py: expected 32 bits per pixel, got %d (Xvfb -screen 0 WxHx24)" % bpp)
    start = header_size + 12 * ncolors
    return width, height, bytes_per_line, data[start:start + bytes_per_line * height]


def drawn_fraction(pixels):
    # a pixel is drawn when any of its blue, green, red bytes is not 0 (the fourth byte is padding, any value);
    # the three planes are OR-ed as big integers, which is C speed in the standard library
    n = len(pixels) // 4
    planes = [int.from_bytes(pixels[i::4], "little") for i in range(3)]
    drawn = (planes[0] | planes[1] | planes[2]).to_bytes(n, "little")
    return (n - drawn.count(0)) / n


def write_png(path, width, height, bytes_per_line, pixels):
    rows = bytearray()
    for y in range(height):
        row = pixels[y * bytes_per_line:y * bytes_per_line + width * 4]
        rgb = bytearray(width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = row[2::4], row[1::4], row[0::4]  # BGRX, little-endian
        rows += b"\x00" + rgb
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


def main():
    mode, path = sys.argv[1], sys.argv[-1]
    width, height, bytes_per_line, pixels = read(path)
    drawn = drawn_fraction(pixels)
    if mode == "visible":
        sys.exit(0 if drawn >= 0.1 else 1)
    colours = len(set(v & 0xFFFFFF for v in memoryview(pixels).cast("I")))
    write_png(sys.argv[2], width, height, bytes_per_line, pixels)
    print("screen.py: %.0f%% of the screen drawn, %d colours" % (drawn * 100, colours))
    sys.exit(0 if drawn >= 0.1 and colours >= 16 else 1)


if __name__ == "__main__":
    main()
