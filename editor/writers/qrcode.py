"""QR codes of article links for every writer: the modules, as an SVG path or a small PNG.

The modules come from segno (error correction M) and are cached on disk in the format the
PDF and DOCX writers use (cache_dir()/qr/<sha1 of the url>.txt), so building several formats
computes each code once; importing segno costs more than drawing a code, so a cached code never
imports it. The PNG is written without Pillow.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

from ..paths import atomic_write, cache_dir

Matrix = list[list[bool]]


def qr_matrix(url: str) -> Matrix:
    """The dark modules of the QR code for `url`, without the quiet zone."""
    stored = cache_dir() / "qr" / (hashlib.sha1(url.encode("utf-8")).hexdigest() + ".txt")
    try:
        rows = stored.read_text(encoding="ascii").split()
        matrix = [[c == "1" for c in row] for row in rows]
        if matrix and all(len(r) == len(matrix) for r in matrix):
            return matrix
    except (OSError, UnicodeDecodeError):
        pass
    import segno

    matrix = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix_iter(border=0)]
    try:
        atomic_write(stored, "\n".join("".join("1" if m else "0" for m in row) for row in matrix).encode("ascii"))
    except OSError:
        pass                      # a read-only cache only costs time
    return matrix


def svg_path(matrix: Matrix, border: int = 2) -> str:
    """The dark modules as one SVG path (a module is 1 × 1, `border` modules of quiet zone around):
    each run of dark modules in a row is one rectangle."""
    parts = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                parts.append(f"M{start + border} {r + border}h{c - start}v1h-{c - start}z")
            else:
                c += 1
    return "".join(parts)


def png(matrix: Matrix, scale: int = 8, border: int = 2) -> bytes:
    """A 1-bit greyscale PNG of the code: `scale` pixels a module, `border` modules of white around."""
    n = len(matrix) + 2 * border
    size = n * scale
    raw = bytearray()
    blank = [False] * n
    for r in range(n):
        inside = border <= r < n - border
        row = [False] * border + matrix[r - border] + [False] * border if inside else blank
        bits = "".join(("0" if dark else "1") * scale for dark in row)   # 1 = white
        bits += "0" * (-len(bits) % 8)
        line = b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")
        raw += line * scale

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))
