"""What a DOCX build keeps on disk for the next one: pieces that depend only on the template, the
fonts and this code, never on an issue's text (cache_dir()/docx).

- the styles part as define() makes it (styles.StyleSheet), keyed by everything defining the styles
  reads or decides: the styles the document starts with (base.docx or the reference document), every
  style's properties as worked out from the template and the faces set here, and this code;
- the embedded faces' parts, obfuscated and deflated (fonts.py), keyed by their subset's key (face,
  name, weight, characters);
- the cover's dot screen (texture.py), keyed by its size and colour.

Every entry is one file, its payload's SHA-1 in its first 20 bytes: a truncated or damaged file reads
as missing, and the build makes the piece again (and writes it anew). The key of each holds a digest
of this package's source, so a changed writer never reads an old entry.

An entry is written atomically, as editor.paths.atomic_write writes (a temporary file beside it, then
renamed over it), but not flushed to disk first: the seven entries of a first build took 70 ms of
fsync on the development machine, and an entry that a crash leaves empty or short fails its checksum
and is made again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ...paths import cache_dir, temp_path

KEEP = 40                        # entries kept in each folder, newest first
_CODE: list[str] = []


def code_version() -> str:
    """A digest of the DOCX writer's source (this package and its oxml), python-docx's and lxml's
    versions: part of every key. In a bundled program, whose modules are not files of their own,
    the program's version and its executable's size and time stand for the source."""
    if not _CODE:
        import sys

        import docx
        from lxml import etree

        from ... import __version__

        h = hashlib.sha1(f"{__version__} {getattr(docx, '__version__', '')} {etree.LXML_VERSION}".encode())
        here = Path(__file__).parent
        sources = sorted([*here.glob("*.py"), *here.glob("oxml/*.py")])
        if getattr(sys, "frozen", False) or not sources:
            try:
                st = os.stat(sys.executable)
                h.update(f"{sys.executable} {st.st_size} {st.st_mtime_ns}".encode())
            except OSError:
                h.update(sys.executable.encode())
        for path in sources + [here / "base.docx"]:
            try:
                h.update(path.name.encode() + b"\0" + path.read_bytes())
            except OSError:
                h.update(path.name.encode() + b"\0?")
        _CODE.append(h.hexdigest())
    return _CODE[0]


def key(*parts) -> str:
    """A file name for the entry made from `parts` (reprs of plain values, bytes as they are)."""
    h = hashlib.sha1(code_version().encode())
    for p in parts:
        h.update(b"\x1f")
        h.update(p if isinstance(p, bytes) else repr(p).encode("utf-8"))
    return h.hexdigest()[:32]


def folder(kind: str) -> Path:
    return cache_dir() / "docx" / kind


def read(kind: str, name: str) -> bytes | None:
    """The payload of entry `name`, or None when it is missing, truncated or damaged."""
    try:
        data = (folder(kind) / name).read_bytes()
    except OSError:
        return None
    if len(data) < 20 or hashlib.sha1(data[20:]).digest() != data[:20]:
        return None
    return data[20:]


def write(kind: str, name: str, payload: bytes) -> None:
    """Keep `payload` as entry `name`; an unwritable cache only costs making it again next time."""
    where = folder(kind)
    target = where / name
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(target)
        with open(tmp, "xb") as f:
            f.write(hashlib.sha1(payload).digest() + payload)
        os.replace(tmp, target)
        tmp = None
        _prune(where)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(where: Path) -> None:
    try:
        entries = sorted((e for e in os.scandir(where) if not e.name.startswith(".")),   # not a temporary
                         key=lambda e: e.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[KEEP:]:
        try:
            os.unlink(old.path)
        except OSError:
            pass
