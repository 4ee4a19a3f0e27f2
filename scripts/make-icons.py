#!/usr/bin/env python3
"""Draws the default theme's icons into themes/default/static/icons/ (standard library only).

The mark is two linked rings (two people back in touch) in white on the theme's teal accent.
Shapes are signed distance functions, so every pixel gets anti-aliased coverage from one
sample. Run it again after changing the mark or colours: python3 scripts/make-icons.py
"""

import math
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "themes", "default", "static", "icons")
TEAL = (0x0E, 0x6B, 0x6B)
DEEP = (0x0A, 0x54, 0x54)
WHITE = (0xFF, 0xFF, 0xFF)
# Ring centres, radius and stroke in a unit square; the SVG uses the same numbers x 64.
RINGS = [(0.385, 0.5), (0.615, 0.5)]
RADIUS, STROKE = 0.19, 0.075


def png(path, width, height, pixels):
    """Writes 8-bit RGBA `pixels` (rows of (r, g, b, a) tuples) as a PNG file."""
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9))
    data += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def blend(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def coverage(distance, pixel):
    """Share of a pixel inside a shape whose edge is `distance` away (negative inside)."""
    return min(1.0, max(0.0, 0.5 - distance / pixel))


def rings_distance(x, y, cx, cy, scale):
    """Distance to the two ring strokes, centred at (cx, cy), `scale` units wide."""
    d = math.inf
    for rx, ry in RINGS:
        px, py = cx + (rx - 0.5) * scale, cy + (ry - 0.5) * scale
        d = min(d, abs(math.hypot(x - px, y - py) - RADIUS * scale) - STROKE * scale / 2)
    return d


def rounded_square_distance(x, y, radius):
    qx, qy = abs(x - 0.5) - (0.5 - radius), abs(y - 0.5) - (0.5 - radius)
    return math.hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - radius


def icon(size, corner, mark):
    """A square icon: teal tile (rounded by `corner`, 0 for full bleed) with the rings at
    `mark` of its width; transparent outside the tile."""
    pixel = 1 / size
    rows = []
    for j in range(size):
        y = (j + 0.5) / size
        row = []
        for i in range(size):
            x = (i + 0.5) / size
            tile = coverage(rounded_square_distance(x, y, corner), pixel) if corner else 1.0
            ring = coverage(rings_distance(x, y, 0.5, 0.5, mark), pixel)
            row.append(blend(TEAL, WHITE, ring) + (round(255 * tile),))
        rows.append(row)
    return rows


def social(width, height):
    """The 1200x630 share image: the mark large on a teal field with a deeper band."""
    rows = []
    pixel = 1 / height
    for j in range(height):
        y = (j + 0.5) / height
        row = []
        for i in range(width):
            x = (i + 0.5) / height
            base = DEEP if y > 0.86 else TEAL
            ring = coverage(rings_distance(x, y, width / height / 2, 0.47, 0.78), pixel)
            row.append(blend(base, WHITE, ring) + (255,))
        rows.append(row)
    return rows


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<title>Reach Out</title>
<rect width="64" height="64" rx="14" fill="#0e6b6b"/>
<g fill="none" stroke="#fff" stroke-width="{w}"><circle cx="{a}" cy="32" r="{r}"/><circle cx="{b}" cy="32" r="{r}"/></g>
</svg>
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    out = lambda name: os.path.join(OUT, name)
    k = 64 * 0.8
    with open(out("icon.svg"), "w") as f:
        f.write(
            SVG.format(
                w=round(STROKE * k, 2),
                r=round(RADIUS * k, 2),
                a=round(32 + (RINGS[0][0] - 0.5) * k, 2),
                b=round(32 + (RINGS[1][0] - 0.5) * k, 2),
            )
        )
    png(out("favicon-32.png"), 32, 32, icon(32, 0.2, 0.9))
    png(out("icon-192.png"), 192, 192, icon(192, 0.22, 0.8))
    png(out("icon-512.png"), 512, 512, icon(512, 0.22, 0.8))
    # Maskable: full-bleed tile, mark inside the central 80% safe zone.
    png(out("icon-maskable-512.png"), 512, 512, icon(512, 0, 0.62))
    # iOS rounds the corners itself and shows transparency as black: full bleed.
    png(out("apple-touch-icon.png"), 180, 180, icon(180, 0, 0.75))
    png(out("og-image.png"), 1200, 630, social(1200, 630))


if __name__ == "__main__":
    main()
