"""Saving the document's package: python-docx's parts and relationships, zipped as Word zips them.

python-docx's own save deflates every part at zlib's default level. The embedded
faces (word/fonts/*.odttf, several hundred kilobytes of glyph outlines) would then
take most of an export's time for a few per cent of size; they are deflated at
level 1, the XML at the default level. Every member carries Word's fixed
timestamp (1980-01-01), so the same issue gives the same package bytes but for its
properties' dates.
"""

from __future__ import annotations

import io
import zipfile

from docx.opc.pkgwriter import PackageWriter

FAST = {"odttf"}                 # parts deflated quickly: the embedded faces
WORD_TIME = (1980, 1, 1, 0, 0, 0)


class _Zip:
    """What python-docx's package writer needs of a physical package: write(uri, blob) and close()."""

    def __init__(self, stream):
        self.zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=WORD_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, blob, compresslevel=1 if pack_uri.ext in FAST else 6)

    def close(self) -> None:
        self.zip.close()


def package_bytes(document) -> bytes:
    """The .docx bytes of a python-docx Document, as Document.save would write them."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    buf = io.BytesIO()
    out = _Zip(buf)
    # PackageWriter.write, with our physical package instead of its zip writer
    PackageWriter._write_content_types_stream(out, parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)
    out.close()
    return buf.getvalue()
