"""Saving the document's package: python-docx's parts and relationships, zipped as Word zips them.

python-docx's own save deflates every part at zlib's default level. The embedded
faces (word/fonts/*.odttf, several hundred kilobytes of glyph outlines) would then
take most of an export's time for a few per cent of size; they are deflated at
level 1, the XML at level 2 (the sample's 200 KB of XML: 2.4 ms less than zlib's default level 6,
for 5.5 KB more), and a face whose part was deflated before
comes already deflated (DeflatedPart, from the cache: fonts.py) and is stored as it
is. Every member carries Word's fixed timestamp (1980-01-01), so the same issue gives
the same package bytes but for its properties' dates.

The zip is written here (what zipfile writes for these members: no data descriptors,
no extra fields, no zip64 — a package is far below 4 GB) because zipfile cannot take
a member's deflated bytes as they are.
"""

from __future__ import annotations

import struct
import zlib

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem

FAST = {"odttf"}                 # parts deflated quickly: the embedded faces
XML_LEVEL = 2                    # the XML parts
WORD_DATE = (0 << 9) | (1 << 5) | 1          # 1980-01-01 in MS-DOS form; the time 00:00
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


class DeflatedPart(Part):
    """A part held as raw deflate data with its CRC-32 and size (an embedded face from the cache);
    its blob is inflated only if something asks for it."""

    def __init__(self, partname, content_type, deflated: bytes, crc: int, size: int, package=None):
        super().__init__(partname, content_type, None, package)
        self.deflated, self.crc, self.size = deflated, crc, size

    @property
    def blob(self) -> bytes:
        return zlib.decompress(self.deflated, -15)


def deflate(data: bytes, level: int) -> bytes:
    """Raw deflate data of `data` (as a zip member holds it)."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class _Zip:
    """The package's zip, member by member: write(name, bytes) or write_deflated(name, …)."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.central: list[bytes] = []
        self.offset = 0

    def write(self, name: str, data: bytes, level: int = XML_LEVEL) -> None:
        self.write_deflated(name, deflate(data, level), zlib.crc32(data), len(data))

    def write_deflated(self, name: str, deflated: bytes, crc: int, size: int) -> None:
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800
        self.chunks += [_LOCAL.pack(b"PK\x03\x04", 20, flags, 8, 0, WORD_DATE, crc, len(deflated), size,
                                    len(raw), 0), raw, deflated]
        self.central.append(_CENTRAL.pack(b"PK\x01\x02", 0x314, 20, flags, 8, 0, WORD_DATE, crc, len(deflated),
                                          size, len(raw), 0, 0, 0, 0, 0o600 << 16, self.offset) + raw)
        self.offset += _LOCAL.size + len(raw) + len(deflated)

    def close(self) -> bytes:
        directory = b"".join(self.central)
        n = len(self.central)
        return b"".join(self.chunks) + directory + _END.pack(b"PK\x05\x06", 0, 0, n, n, len(directory),
                                                              self.offset, 0)


def package_bytes(document) -> bytes:
    """The .docx bytes of a python-docx Document, as Document.save would write them."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = _Zip()
    # PackageWriter.write, with our zip
    out.write(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
    out.write(PACKAGE_URI.rels_uri.membername, package.rels.xml)
    for part in parts:
        if isinstance(part, DeflatedPart):
            out.write_deflated(part.partname.membername, part.deflated, part.crc, part.size)
        else:
            out.write(part.partname.membername, part.blob, 1 if part.partname.ext in FAST else XML_LEVEL)
        if len(part.rels):
            out.write(part.partname.rels_uri.membername, part.rels.xml)
    return out.close()

