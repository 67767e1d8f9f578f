"""Faces the PDF writer cannot embed as they are: converted once to TrueType and cached on disk.

The writer (writers/pdf/sfnt.py) reads static TrueType and CID-keyed CFF faces directly.
A variable font (set at a weight), a CFF2 or a name-keyed CFF face goes through
`converted_font`: subset to the characters of an issue, instanced, CFF turned into
quadratic TrueType outlines with fontTools (cu2qu), and cached under cache_dir()/fonts
(keyed by the font file's hash and the characters). Converting costs a second or two
per face; a later build whose characters a cached subset already holds reads the cache,
and a few new characters grow the newest subset once. editor.fonts re-exports it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExportError, os_reason
from .paths import atomic_write, cache_dir

if TYPE_CHECKING:
    from .fonts import ResolvedFont

SUFFIX = "-BL"             # PostScript name of a converted subset: <original>-BL<8 hex digits>
CACHE_VERSION = 2          # bump when the converted files change shape
MAX_CACHED_CHARS = 8000    # a growing subset is rebuilt from scratch beyond this


def original_name(ps_name: str) -> str:
    """The PostScript name of the font a converted subset came from."""
    return re.sub(SUFFIX + r"[0-9A-F]{8}$", "", ps_name)


def _embeddable(fs_type: int) -> bool:
    """Whether OS/2 fsType lets a font be embedded in a document (as reportlab, too, checks)."""
    return fs_type != 0x0002 and not fs_type & 0x0300


def _open(path: Path, index: int = 0, lazy: bool | None = True):
    from fontTools.ttLib import TTFont

    try:
        return TTFont(str(path), fontNumber=index, lazy=lazy)
    except FileNotFoundError:
        raise ExportError(f"字体文件“{path}”不存在（可能已被删除或移动）") from None
    except Exception as exc:
        raise _broken(path, exc) from None


def _broken(path: Path, exc: Exception) -> ExportError:
    detail = str(exc).strip().splitlines()
    return ExportError(f"字体文件“{path}”已损坏或格式无法识别（{detail[0][:120] if detail else type(exc).__name__}），"
                       "请重新安装该字体，或在模板的 [fonts] 中换用其他字体")



def converted_font(resolved: ResolvedFont, chars: str) -> Path:
    """A TrueType file of `resolved` holding at least the glyphs of `chars`, for a face the PDF
    writer cannot embed as it is (a variable font set at a weight, CFF2, name-keyed CFF).

    The face is subset to those characters and converted to TrueType outlines; the result is
    cached under cache_dir()/fonts and reused by any later call whose characters it already holds.
    """
    wanted = {ord(c) for c in chars if not c.isspace() and c.isprintable()} | {0x20, 0x3000}
    folder = cache_dir() / "fonts"
    fid = _file_id(resolved.path)
    prefix = f"v{CACHE_VERSION}-{fid[:20]}-{resolved.index}-w{resolved.weight}"
    path = _cached(folder, prefix, wanted)
    if path is None:
        have = set()
        manifest = _manifest(folder, prefix)
        if manifest:
            # grow the newest subset rather than start another: an edited issue adds a few characters
            have = set(max(manifest.values(), key=lambda m: m["time"])["chars"])
            if len(have | wanted) > MAX_CACHED_CHARS:
                have = set()
        codes = sorted(have | wanted)
        import hashlib

        digest = hashlib.sha1(repr((fid, resolved.index, resolved.weight, codes)).encode()).hexdigest()[:20]
        data = _convert(resolved, codes, digest[:8].upper())
        path = folder / f"{prefix}-{digest}.ttf"
        try:
            atomic_write(path, data)
            _record(folder, prefix, path.name, codes)
        except OSError:
            # no cache to write to: the font still works for this build, from a private file
            import tempfile

            fd, tmp = tempfile.mkstemp(suffix=".ttf")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            path = Path(tmp)
    return path


def _file_id(path: Path) -> str:
    """A hash of the font file's bytes, so that a replaced font never reuses an old conversion.

    A font file is megabytes: its hash is kept (in memory and in cache_dir()/fonts/file-ids.json)
    per path, size and modification time, and computed again only when one of them changes."""
    try:
        st = os.stat(path)
        memo_key = f"{path}|{st.st_size}|{st.st_mtime_ns}"
        if not _FILE_IDS:
            _FILE_IDS.update(_read_json(cache_dir() / "fonts" / "file-ids.json"))
        digest = _FILE_IDS.get(memo_key)
        if not isinstance(digest, str):
            import hashlib

            with open(path, "rb") as f:
                digest = _FILE_IDS[memo_key] = hashlib.file_digest(f, "sha1").hexdigest()
            try:
                atomic_write(cache_dir() / "fonts" / "file-ids.json", json.dumps(_FILE_IDS).encode("utf-8"))
            except OSError:
                pass            # only costs hashing again next time
    except FileNotFoundError:
        raise ExportError(f"字体文件“{path}”不存在（可能已被删除或移动）") from None
    except OSError as exc:
        raise ExportError(f"无法读取字体文件“{path}”（{os_reason(exc)}）") from None
    return digest


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


_FILE_IDS: dict[str, str] = {}


def _manifest(folder: Path, prefix: str) -> dict[str, dict]:
    return _read_json(folder / f"{prefix}.json")


def _cached(folder: Path, prefix: str, wanted: set[int]) -> Path | None:
    """The smallest cached subset of this face that holds every wanted character."""
    best = None
    for name, entry in _manifest(folder, prefix).items():
        chars = entry.get("chars", [])
        if (folder / name).is_file() and wanted.issubset(chars) and (best is None or len(chars) < best[0]):
            best = (len(chars), folder / name)
    return best[1] if best else None


def _record(folder: Path, prefix: str, name: str, codes: list[int]) -> None:
    import time

    manifest = _manifest(folder, prefix)
    manifest[name] = {"chars": codes, "time": time.time()}
    # keep the four newest subsets of a face
    for old in sorted(manifest, key=lambda k: manifest[k]["time"])[:-4]:
        (folder / old).unlink(missing_ok=True)
        del manifest[old]
    atomic_write(folder / f"{prefix}.json", json.dumps(manifest).encode("utf-8"))


def _forget(folder: Path, prefix: str, name: str) -> None:
    manifest = _manifest(folder, prefix)
    if manifest.pop(name, None) is not None:
        try:
            atomic_write(folder / f"{prefix}.json", json.dumps(manifest).encode("utf-8"))
        except OSError:
            pass


def _convert(resolved: ResolvedFont, codes: list[int], tag: str) -> bytes:
    """The face subset to `codes`, with TrueType outlines, as a standalone .ttf file.

    Its PostScript name gets the suffix -BL<tag>: reportlab takes two fonts with the same
    PostScript name for one and would set every later subset of a face with the first."""
    from io import BytesIO

    font = _open(resolved.path, resolved.index)
    try:
        if "OS/2" in font and not _embeddable(font["OS/2"].fsType):
            raise ExportError(f"字体“{resolved.family}”（{resolved.path}）的授权不允许嵌入 PDF，"
                              "请在模板的 [fonts] 中换用其他字体")
        # a variable font is set at the resolved weight (its default instance may well be Thin)
        location = _location(font, resolved.weight)
        if "CFF " in font or "CFF2" in font:
            out_font = _from_cff(font, codes, location)
        else:
            out_font = subset_face(font, codes, keep_variations=bool(location))
            if location:
                from fontTools.varLib import instancer

                out_font = instancer.instantiateVariableFont(out_font, location)
        name = out_font["name"]
        ps = (name.getDebugName(6) or "Font").replace(" ", "")
        name.removeNames(nameID=6)
        name.setName(f"{ps}{SUFFIX}{tag}", 6, 3, 1, 0x409)
        out = BytesIO()
        out_font.save(out)
        return out.getvalue()
    except ExportError:
        raise
    except Exception as exc:
        raise _broken(resolved.path, exc) from None
    finally:
        font.close()


def _location(font, weight: int) -> dict[str, float]:
    """Every axis of a variable font pinned: the weight axis at `weight`, the others at their default."""
    if "fvar" not in font:
        return {}
    return {a.axisTag: max(a.minValue, min(a.maxValue, weight)) if a.axisTag == "wght" else a.defaultValue
            for a in font["fvar"].axes}


def subset_face(font, codes: list[int], keep_variations: bool = False):
    """A TrueType-outline face cut down to `codes` by fontTools' subsetter (no layout tables, no hints)."""
    from fontTools import subset

    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.glyph_names = False
    opts.drop_tables += ["vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE", "DSIG", "meta"]
    if not keep_variations:
        opts.drop_tables += ["STAT", "MVAR", "HVAR", "fvar", "gvar", "avar", "cvar"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codes)
    sub.subset(font)
    return font


def _from_cff(font, codes: list[int], location: dict[str, float] | None = None):
    """A new TrueType font holding the glyphs of `codes` from a CFF face, their cubic outlines turned
    quadratic by cu2qu (within 1 font unit). Drawing only the glyphs needed, rather than subsetting
    the CFF first, halves the time of a first build."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    cmap = font.getBestCmap() or {}
    mapping = {c: cmap[c] for c in codes if c in cmap}
    order = [".notdef"] + sorted(set(mapping.values()) - {".notdef"})
    glyph_set = font.getGlyphSet(location=location or None)
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    head, hhea, hmtx = font["head"], font["hhea"], font["hmtx"]
    fb = FontBuilder(head.unitsPerEm, isTTF=True)
    fb.updateHead(fontRevision=head.fontRevision, macStyle=head.macStyle)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(mapping)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (hmtx[n][0], getattr(glyphs[n], "xMin", 0)) for n in order})
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    fb.font["name"] = font["name"]
    fb.font["OS/2"] = font["OS/2"]
    fb.setupPost(keepGlyphNames=False)
    return fb.font
