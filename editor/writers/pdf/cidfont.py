"""TrueType fonts embedded as CID fonts (Type0, Identity-H), one subset per face.

reportlab embeds a TrueType font as simple fonts of 256 glyphs each, so a line
of Chinese hops between five or six of them and every hop is a font change and a
new string in the page. Here each face is one CIDFontType2 font: a character's
code is the glyph's number in the embedded subset, two bytes in a hex string,
and a run of text is one string whatever its characters. The subset is made by
reportlab's own TrueType subsetter (`makeSubset`), which numbers glyphs in the
order their characters are given, so codes can be handed out as characters are
first drawn; the font program, widths and ToUnicode map (for copying and
searching text) are written when the PDF is saved.
"""

from __future__ import annotations

import hashlib
import os
import zlib

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import getFont

from ...fontcache import original_name


class _Codes(dict):
    """character → four hex digits of its CID; a new character gets the next glyph number."""

    def __init__(self, font: CIDFont):
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> str:
        f = self.font
        code = ord(ch)
        original = f.char_to_glyph.get(code, 0)
        if not original and not ch.isspace():
            f.missing.append(ch)                 # shown as the font's empty box
        cid = f.glyphs.get(original)
        if cid is None:
            cid = f.glyphs[original] = len(f.glyphs)
        f.codes.append(code)
        f.unicode.setdefault(cid, ch)
        h = self[ch] = f"{cid:04X}"
        return h


class CIDFont:
    def __init__(self, name: str):
        self.name = name
        self.ttf = getFont(name)
        self.face = self.ttf.face
        self.char_to_glyph = self.face.charToGlyph
        self.doc = None
        self.internal = ""
        self._reset()

    def _reset(self) -> None:
        self.codes: list[int] = []               # code points in the order they were first drawn
        self.glyphs: dict[int, int] = {0: 0}     # original glyph → glyph (= CID) in the subset
        self.unicode: dict[int, str] = {}        # CID → the character it shows
        self.missing: list[str] = []             # characters the font has no glyph for
        self.hex = _Codes(self)

    def resource(self, doc) -> str:
        """The font's resource name in `doc` (/FC1 …), registering it for embedding on first use."""
        if self.doc is not doc:
            self.doc = doc
            self._reset()
            self.internal = f"FC{len(doc.fontMapping) + 1}"
            doc.fontMapping[f"cid:{self.name}"] = "/" + self.internal
            doc.delayedFonts.append(self)
        return "/" + self.internal

    def encode(self, text: str) -> str:
        """`text` as a PDF hex string of CIDs."""
        return "<" + "".join(map(self.hex.__getitem__, text)) + ">"

    # ------------------------------------------------------------ at save time (reportlab calls this)

    def addObjects(self, doc) -> None:
        face = self.face
        length, packed = self._program()
        tag = "".join(chr(65 + b % 26) for b in hashlib.md5(packed).digest()[:6])
        ps_name = original_name(face.name.decode("latin-1") if isinstance(face.name, bytes) else str(face.name))
        base = f"{tag}+{ps_name}"

        font_file = pdfdoc.PDFStream()
        font_file.content = packed
        font_file.dictionary["Length1"] = length
        font_file.dictionary["Filter"] = "/FlateDecode"        # compressed here (or taken from the cache)
        font_file.filters = []
        flags = (face.flags & ~(1 << 5)) | (1 << 2)         # symbolic, as for any subset with own codes
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "FontName": pdfdoc.PDFName(base), "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox), "ItalicAngle": face.italicAngle,
            "Ascent": face.ascent, "Descent": face.descent, "CapHeight": face.capHeight,
            "StemV": face.stemV, "MissingWidth": face.defaultWidth,
            "FontFile2": doc.Reference(font_file, f"cidFontFile:{self.name}")})
        default = face.defaultWidth or 1000
        char_widths = face.charWidths
        widths = [round(char_widths.get(ord(self.unicode[cid]), default), 1) if cid in self.unicode else default
                  for cid in range(len(self.glyphs))]
        cid_font = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                                   "Ordering": pdfdoc.PDFString("Identity"),
                                                   "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor, f"cidFontDescriptor:{self.name}"),
            "DW": 1000,
            "W": pdfdoc.PDFArray([0, pdfdoc.PDFArray(widths)]),
            "CIDToGIDMap": "/Identity"})
        to_unicode = pdfdoc.PDFStream()
        to_unicode.content = _to_unicode_cmap(self.unicode)
        to_unicode.filters = [pdfdoc.PDFZCompress]
        type0 = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/Type0", "BaseFont": pdfdoc.PDFName(base), "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{self.name}")]),
            "ToUnicode": doc.Reference(to_unicode, f"cidToUnicode:{self.name}")})
        doc.idToObject["BasicFonts"].dict[self.internal] = doc.Reference(type0, self.internal)


    def _program(self) -> tuple[int, bytes]:
        """(length, deflated bytes) of the subset font program, from the cache when this set of
        characters was embedded before: subsetting, like font conversion, is paid for once."""
        codes = self.codes or [32]
        face = self.face
        ident = _font_identity(face)
        key = hashlib.sha1(repr((ident, codes)).encode()).hexdigest()
        folder = None
        try:
            from ...paths import cache_dir

            folder = cache_dir() / "pdf-subsets"
            data = (folder / f"{key}.bin").read_bytes()
            length = int.from_bytes(data[:4], "big")
            if length and len(data) > 4:
                return length, data[4:]
        except (OSError, ValueError):
            pass
        program = face.makeSubset(codes)
        packed = zlib.compress(program, 6)
        if folder is not None:
            _store(folder, f"{key}.bin", len(program).to_bytes(4, "big") + packed)
        return len(program), packed


def _font_identity(face) -> tuple:
    name = getattr(face, "filename", "") or ""
    try:
        st = os.stat(name)
        return name, st.st_size, st.st_mtime_ns
    except (OSError, TypeError, ValueError):
        data = getattr(face, "_ttf_data", b"")
        return name, len(data), hashlib.md5(data[:65536]).hexdigest()


def _store(folder, name: str, data: bytes, keep: int = 24) -> None:
    """Write a cache entry atomically; keep only the newest `keep` entries."""
    try:
        from ...paths import atomic_write

        atomic_write(folder / name, data)
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
    items = sorted(unicode.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for cid, ch in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CIDResource defineresource pop", "end", "end"]
    return "\n".join(lines)
