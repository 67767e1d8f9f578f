"""The cover's dot screen as a PNG picture, drawn without Pillow.

The PDF draws it as rows of round dots, 4.2 mm apart, every other row shifted by half a
step, large at the foot and fading to specks upwards. A word processor has no such
pattern, so the DOCX carries the same screen as a transparent picture behind the text.
"""

from __future__ import annotations

import math
import struct
import zlib

STEP_MM = 4.2
PX_PER_MM = 5


def dot_screen_png(width_mm: float, height_mm: float, rgb: tuple[int, int, int]) -> bytes:
    """dot_screen's PNG, from the cache (writers/docx/cache.py) when drawn before at this size and
    colour: drawing and deflating its megabyte of pixels is a tenth of what writing a document costs."""
    from . import cache

    name = cache.key("dots", width_mm, height_mm, tuple(rgb)) + ".png"
    png = cache.read("textures", name)
    if png is None or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        png = dot_screen(width_mm, height_mm, rgb)[0]
        cache.write("textures", name, png)
    return png


def dot_screen(width_mm: float, height_mm: float, rgb: tuple[int, int, int]) -> tuple[bytes, int, int]:
    """(PNG bytes, width px, height px) of the screen over `width_mm` × `height_mm`, dots in `rgb`;
    its lowest row of dots is centred 1 mm above the picture's foot (PDF: at the screen's foot)."""
    step = STEP_MM * PX_PER_MM
    w, h = max(1, round(width_mm * PX_PER_MM)), max(1, round(height_mm * PX_PER_MM))
    rows = int((height_mm - 1) / STEP_MM)
    blank = bytes(w)
    alpha = [blank] * h
    cell = max(1, round(step))
    for r in range(rows):
        fade = 1 - r / max(1, rows)
        radius = (0.2 + 1.6 * fade * fade) * 25.4 / 72 * PX_PER_MM       # pt → px
        cy = h - PX_PER_MM - r * step                                    # rows from the foot up
        start = round(cell / 2) if r % 2 else 0                          # every other row half a step on
        reach = int(math.ceil(radius)) + 1
        for y in range(max(0, int(cy) - reach), min(h, int(cy) + reach + 1)):
            # one cell's coverage, laid along the row (the dots of two rows never meet)
            dots = bytes(max(0, min(255, round((radius + 0.5 - math.hypot(dx + 0.5 - cell / 2, y + 0.5 - cy))
                                                * 255))) for dx in range(cell))
            alpha[y] = (dots * (w // cell + 2))[start:start + w]
    raw = bytearray()
    line = bytearray(4 * w)
    for channel, value in enumerate(rgb):
        line[channel::4] = bytes((value,)) * w
    for a in alpha:
        line[3::4] = a
        raw.append(0)
        raw += line

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))
    return png, w, h
