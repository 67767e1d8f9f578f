"""Glyph positions read back from a PDF's content streams (for tests): every character drawn, where
its origin is, at what size, and the character spacing (Tc) it was drawn with.

The writer draws text as `Tf`, `Tc`, `1 0 0 1 x y Tm <hex> Tj` (writers/pdf/paragraph.TextOps),
Type0 fonts with Identity-H codes and a ToUnicode map, inside `cm` translations; this reads that
much of PDF, with pypdf's parser, and nothing more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdf
from pypdf.generic import ContentStream


@dataclass
class Glyph:
    char: str
    x: float
    y: float
    size: float
    tc: float
    width: float          # the font's advance for it, at this size


def _to_unicode(font) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    out: dict[int, str] = {}
    if cmap is None:
        return out
    data = cmap.get_object().get_data().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return out


def _widths(font) -> dict[int, float]:
    desc = font["/DescendantFonts"][0].get_object()
    w = desc.get("/W") or []
    out: dict[int, float] = {}
    i = 0
    while i < len(w):
        first = int(w[i])
        nxt = w[i + 1]
        if isinstance(nxt, list) or hasattr(nxt, "__len__"):
            for k, v in enumerate(nxt):
                out[first + k] = float(v)
            i += 2
        else:
            for c in range(first, int(nxt) + 1):
                out[c] = float(w[i + 2])
            i += 3
    return out


def page_glyphs(reader: pypdf.PdfReader, page_index: int) -> list[Glyph]:
    page = reader.pages[page_index]
    fonts = {}
    for name, ref in (page["/Resources"].get_object().get("/Font") or {}).items():
        f = ref.get_object()
        fonts[name] = (_to_unicode(f), _widths(f))
    glyphs: list[Glyph] = []
    stack = [(0.0, 0.0)]
    font = None
    size = tc = 0.0
    tx = ty = 0.0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            stack.append(stack[-1])
        elif op == b"Q":
            stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            dx, dy = stack[-1]
            stack[-1] = (dx + e, dy + f)
        elif op == b"Tf":
            font, size = fonts.get(operands[0]), float(operands[1])
        elif op == b"Tc":
            tc = float(operands[0])
        elif op == b"Tm":
            tx, ty = float(operands[4]), float(operands[5])
        elif op == b"Tj" and font is not None:
            uni, widths = font
            raw = bytes(operands[0].original_bytes) if hasattr(operands[0], "original_bytes") else bytes(operands[0])
            dx, dy = stack[-1]
            x = tx
            for k in range(0, len(raw) - 1, 2):
                code = raw[k] << 8 | raw[k + 1]
                w = widths.get(code, 1000.0) / 1000 * size
                glyphs.append(Glyph(uni.get(code, "\ufffd"), dx + x, dy + ty, size, tc, w))
                x += w + tc
            tx = x
    return glyphs


def lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, each line left to right."""
    rows: dict[float, list[Glyph]] = {}
    for g in glyphs:
        rows.setdefault(round(g.y, 1), []).append(g)
    return [sorted(r, key=lambda g: g.x) for _, r in sorted(rows.items(), key=lambda kv: -kv[0])]
