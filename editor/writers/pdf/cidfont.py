"""Faces embedded as CID fonts (Type0, Identity-H), one subset per face and document.

Each face is one CID font whatever its characters: codes are numbered in the order
characters are first drawn, two bytes in a hex string, so a run of text is one string. TrueType faces are embedded as CIDFontType2 (FontFile2),
CID-keyed CFF ones as CIDFontType0 (FontFile3 /CIDFontType0C), both subset by sfnt /
cff when the document is written; widths and a ToUnicode map (for copying and searching
text) go with them. Subset programs are cached on disk by face and glyph set, so a
later build of the same issue does not subset again.
"""

from __future__ import annotations

import os
import zlib

from .kit import short_key
from .sfnt import Face


class EmbeddedFont:
    def __init__(self, key: str, face: Face):
        self.key, self.face = key, face
        self.hex: dict[str, str] = {}            # character → four hex digits of its code
        self.order: list[int] = [0]              # code → original glyph (code 0: .notdef)
        self.widths: list[float] = [face.advance(0) * 1000 / face.upem]   # code → width (1/1000 em)
        self.unicode: list[str] = [""]           # code → the character it shows
        self.missing: list[str] = []             # characters the face has no glyph for
        self.name = ""                           # resource name in the document (FC1 …)
        self._gid: dict[str, int] = {}

    def encode(self, text: str) -> str:
        """`text` as a PDF hex string of codes."""
        h = self.hex
        try:
            return "<" + "".join([h[c] for c in text]) + ">"
        except KeyError:
            return "<" + "".join([h[c] if c in h else self._add(c) for c in text]) + ">"

    def _glyph(self, ch: str) -> int:
        g = self._gid.get(ch)
        if g is None:
            g = self._gid[ch] = self.face.glyph(ord(ch))
            if not g and not ch.isspace():
                self.missing.append(ch)          # shown as the face's empty box
        return g

    def _add(self, ch: str) -> str:
        gid = self._glyph(ch)
        code = self.hex[ch] = self._new(ch, gid, self.face.advance(gid) * 1000 / self.face.upem)
        return code

    def _new(self, ch: str, gid: int, width: float) -> str:
        self.order.append(gid)
        self.widths.append(width)
        self.unicode.append(ch)
        return f"{len(self.order) - 1:04X}"

    # ------------------------------------------------------------ writing

    def write(self, doc) -> int:
        """Write the font's objects into `doc` (a document.Document); returns the Type0 font's number."""
        from .document import Name, Stream, TextString

        face = self.face
        program = self._program()
        digest = zlib.crc32(program[1]) << 16 | (zlib.adler32(program[1]) & 0xFFFF)
        tag = "".join(chr(65 + (digest >> (5 * k)) % 26) for k in range(6))
        base = Name(f"{tag}+{face.ps_name}")
        cff = face.kind == "cff"
        extra = {} if cff else {"Length1": program[0]}
        font_file = doc.add(Stream(program[1], {"Filter": Name("FlateDecode"),
                                                 **({"Subtype": Name("CIDFontType0C")} if cff else extra)},
                                   compressed=True))
        scale = 1000 / face.upem
        descriptor = doc.add({
            "Type": Name("FontDescriptor"), "FontName": base, "Flags": face.flags,
            "FontBBox": [round(v * scale) for v in face.bbox], "ItalicAngle": face.italic_angle,
            "Ascent": round(face.ascent * scale), "Descent": round(face.descent * scale),
            "CapHeight": round(face.cap_height * scale), "StemV": face.stem_v,
            ("FontFile3" if cff else "FontFile2"): font_file})
        cid_font = {
            "Type": Name("Font"), "Subtype": Name("CIDFontType0" if cff else "CIDFontType2"), "BaseFont": base,
            "CIDSystemInfo": {"Registry": TextString("Adobe"), "Ordering": TextString("Identity"), "Supplement": 0},
            "FontDescriptor": descriptor, "DW": 1000,
            "W": [0, [round(w, 1) for w in self.widths]]}
        if not cff:           # codes are numbered in the order of first use; the map gives their glyphs
            cid_font["CIDToGIDMap"] = doc.add(Stream(b"".join(g.to_bytes(2, "big") for g in self.order)))
        to_unicode = doc.add(Stream(_to_unicode_cmap(dict(enumerate(self.unicode))).encode("ascii"), {}))
        return doc.add({"Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": base,
                        "Encoding": Name("Identity-H"), "DescendantFonts": [doc.add(cid_font)],
                        "ToUnicode": to_unicode})

    def _program(self) -> tuple[int, bytes]:
        """(length, deflated bytes) of the subset program, from the cache when these glyphs of this
        face were embedded before: subsetting is paid for once."""
        face = self.face
        gids = self.order
        try:
            st = os.stat(face.path)
            ident = (face.path, st.st_size, st.st_mtime_ns)
        except OSError:
            ident = (face.path,)
        made_from = repr((5, ident, gids)).encode("utf-8")        # stored in the entry, checked on reading
        key = short_key(made_from)
        folder = None
        try:
            from ...paths import cache_dir

            folder = cache_dir() / "pdf-subsets"
            data = (folder / f"{key}.bin").read_bytes()
            size = int.from_bytes(data[:4], "big")
            length = int.from_bytes(data[4 + size:8 + size], "big")
            crc = int.from_bytes(data[8 + size:12 + size], "big")
            packed = data[12 + size:]
            # written without a flush to disk: after a crash an entry may be garbled, so it is checked
            if data[4:4 + size] == made_from and length and packed and zlib.crc32(packed) == crc:
                return length, packed
        except (OSError, ValueError):
            pass
        program = face.subset(gids)
        # level 1: font programs compress little better at 6 (the sample's three: 1.5 % smaller) and
        # TrueType glyphs take 5 times as long there (the 楷体 subset 9.4 ms against 1.7)
        packed = zlib.compress(program, 1)
        if folder is not None:
            _store(folder, f"{key}.bin", len(made_from).to_bytes(4, "big") + made_from
                   + len(program).to_bytes(4, "big") + zlib.crc32(packed).to_bytes(4, "big") + packed)
        return len(program), packed


def _store(folder, name: str, data: bytes, keep: int = 24) -> None:
    """Write a cache entry atomically; keep only the newest `keep` entries."""
    try:
        from ...paths import atomic_write

        atomic_write(folder / name, data, durable=False)
        entries = sorted(folder.glob("*.bin"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _to_unicode_cmap(unicode: dict[int, str]) -> str:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = sorted((cid, ch) for cid, ch in unicode.items() if ch)
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for cid, ch in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CIDResource defineresource pop", "end", "end"]
    return "\n".join(lines)
