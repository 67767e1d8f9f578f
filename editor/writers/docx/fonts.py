"""Fonts that travel with the DOCX: the Chinese faces embedded as Word embeds them, and the font table.

A recipient on a stock Windows or macOS has neither 仿宋_GB2312 nor 楷体_GB2312 nor
方正小标宋简体. So each Chinese face the document names is embedded, as Word does when
"embed fonts in the file" and "embed only the characters used" are ticked: the face
this machine sets for that name (editor.fonts resolves the template's candidates; Word
embeds TrueType outlines only, so editor.fontcache's cached TrueType copy is the source), cut
down to the characters the document sets in it, renamed to the name the document uses
(so that Word, WPS and LibreOffice, which look an embedded face up by its own family
name, find it), obfuscated with its font key (ECMA-376 Part 1, 17.8.1: the first 32
bytes XOR the key's bytes) and stored as word/fonts/fontN.odttf. The subsets are cached
(cache_dir()/fonts/docx), so a later build reads them instead of subsetting again.

Each entry of the font table also says what the face is like — an alternative name,
GB2312 character set, PANOSE class and Unicode/code-page signature — so that where
embedding is off (the template's [docx] embed_fonts = false) or the reader ignores it,
Word and WPS substitute a Chinese face of the right family (仿宋 for 仿宋_GB2312), not
SimSun for everything.
"""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path

from ...errors import BulletinError, ExportError
from ...paths import atomic_write, cache_dir
from ...records import record
from ...template import Template

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CACHE_VERSION = 1
CACHE_KEEP = 40                  # subsets kept in cache_dir()/fonts/docx, newest first

# Chinese faces that come with Windows or Microsoft Office, by the name Word knows them by.
COMMON_FACES = ("宋体", "黑体", "楷体", "仿宋", "华文中宋", "华文楷体", "华文仿宋", "华文宋体", "微软雅黑")


@record
class FaceInfo:
    """What the font table says about a face: PANOSE, signature, character set, family, pitch."""

    panose: str                                   # 20 hex digits
    sig: tuple[str, str, str, str, str, str]      # usb0..usb3, csb0, csb1, 8 hex digits each
    charset: str = "86"                           # GB2312
    family: str = "auto"
    pitch: str = "variable"


# As Word and WPS describe these faces in their font tables (read from the fonts' own OS/2 tables
# by the application that saved the document; seen in a WPS-saved public document's fontTable.xml).
KNOWN_FACES = {
    "宋体": FaceInfo("02010600030101010101", ("00000003", "288F0000", "00000006", "00000000", "00040001", "00000000")),
    "黑体": FaceInfo("02010609060101010101", ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")),
    "仿宋": FaceInfo("02010609060101010101", ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000"),
                     family="modern"),
    "仿宋_GB2312": FaceInfo("02010609030101010101",
                            ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"), family="modern"),
    "楷体_GB2312": FaceInfo("02010609030101010101",
                            ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"), family="modern"),
    "微软雅黑": FaceInfo("020B0503020204020204", ("80000287", "2ACF3C50", "00000016", "00000000", "0004001F", "00000000")),
    "Times New Roman": FaceInfo("02020603050405020304", ("20007A87", "80000000", "00000008", "00000000", "000001FF",
                                                         "00000000"), charset="00", family="roman"),
    "Arial": FaceInfo("020B0604020202020204", ("E0002EFF", "C000785B", "00000009", "00000000", "400001FF",
                                               "FFFF0000"), charset="00", family="swiss"),
}


@record
class EmbeddedFace:
    """An embedded face's part: the obfuscated face deflated (as its zip member holds it), with the
    CRC-32 and size of the obfuscated bytes, and its font key."""

    deflated: bytes
    crc: int
    size: int
    key: str


@record
class FontEntry:
    """One w:font of the font table, with the embedded faces' parts and keys."""

    name: str
    alt: str | None = None
    info: FaceInfo | None = None
    regular: EmbeddedFace | None = None
    bold: EmbeddedFace | None = None
    raw: bytes | None = None                      # a reference's own entry, kept as it was (no faces)


# ---------------------------------------------------------------- obfuscation

def font_key(data: bytes) -> str:
    """A GUID for a face, the same for the same bytes (reproducible builds): {XXXXXXXX-XXXX-…}."""
    h = hashlib.sha1(data).hexdigest().upper()
    return "{" + f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}" + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The face with its first 32 bytes XOR the key's 16 bytes, taken from the GUID's hex digits in
    reverse order (ECMA-376 Part 1, 17.8.1). The same operation undoes it."""
    k = bytes.fromhex(re.sub(r"[{}-]", "", key))[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


# ---------------------------------------------------------------- font files, read without fontTools

def _tables(data: bytes, index: int = 0) -> dict[bytes, tuple[int, int]]:
    """tag → (offset, length) of a TrueType/OpenType face (face `index` of a collection)."""
    base = 0
    if data[:4] == b"ttcf":
        count = struct.unpack(">I", data[8:12])[0]
        base = struct.unpack(">I", data[12 + 4 * min(index, count - 1):16 + 4 * min(index, count - 1)])[0]
    n = struct.unpack(">H", data[base + 4:base + 6])[0]
    out = {}
    for i in range(n):
        rec = data[base + 12 + 16 * i: base + 28 + 16 * i]
        tag, _, offset, length = struct.unpack(">4sIII", rec)
        out[tag] = (offset, length)
    return out


@record
class Metrics:
    """The few numbers of a face the writer needs: its natural line height and its OS/2 description."""

    line: float              # (ascender − descender + line gap) / units per em, as Word and LibreOffice use
    info: FaceInfo


_METRICS: dict[tuple[str, int], Metrics] = {}


def face_metrics(path: Path, index: int = 0) -> Metrics:
    """Line height and OS/2 description of a font file's face, read from its tables (cheaply: only
    the header, head, hhea and OS/2 are looked at)."""
    key = (str(path), index)
    if key in _METRICS:
        return _METRICS[key]
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
            t = _tables(head, index)
            need = max(o + n for tag, (o, n) in t.items() if tag in (b"head", b"hhea", b"OS/2"))
            if need > len(head):
                f.seek(0)
                head = f.read(need)
        upm = struct.unpack(">H", head[t[b"head"][0] + 18:t[b"head"][0] + 20])[0] or 1000
        o = t[b"hhea"][0]
        asc, desc, gap = struct.unpack(">hhh", head[o + 4:o + 10])
        o2, n2 = t.get(b"OS/2", (0, 0))
        info = FaceInfo("02010600030101010101", ("00000001", "080E0000", "00000000", "00000000", "00040000",
                                                 "00000000"))
        if n2 >= 86:
            os2 = head[o2:o2 + 86]
            if asc - desc == 0:
                asc, desc = struct.unpack(">HH", os2[74:78])
                desc = -desc
            words = [f"{w:08X}" for w in struct.unpack(">IIII", os2[42:58]) + struct.unpack(">II", os2[78:86])]
            info = FaceInfo(os2[32:42].hex().upper(), tuple(words))
    except (OSError, KeyError, struct.error, ValueError) as exc:
        raise ExportError(f"字体文件“{path}”已损坏或格式无法识别（{type(exc).__name__}），"
                          "请重新安装该字体，或在模板的 [fonts] 中换用其他字体") from None
    m = _METRICS[key] = Metrics(max(0.5, (asc - desc + max(0, gap)) / upm), info)
    return m


# ---------------------------------------------------------------- the faces of a template

class FontPlan:
    """The template's Chinese faces: the name each role is written under (its first candidate) and
    the face this machine sets for it, resolved once per export."""

    def __init__(self, template: Template):
        self.template = template
        self.roles: dict[str, list[str]] = {}         # name in the document → the role's candidates
        for candidates in template.fonts.values():
            if candidates and candidates[0] not in self.roles:
                self.roles[candidates[0]] = candidates
        self._resolved: dict[str, object] = {}

    def resolved(self, name: str):
        """The editor.fonts.ResolvedFont set for document font `name` (a template role's first
        candidate, or any other name, e.g. a reference's); None for one not installed here."""
        if name not in self._resolved:
            from ... import fonts as fontlib

            candidates = self.roles.get(name)
            try:
                r = fontlib.default_resolver().resolve(candidates or [name])
            except BulletinError:
                raise
            except Exception as exc:            # a broken font file must not surface as a traceback
                raise ExportError(f"无法加载字体“{name}”：{exc}") from None
            if candidates is None and r.packaged and r.warning:
                r = None                        # not a face of ours, and not installed: not embedded
            self._resolved[name] = r
        return self._resolved[name]

    def line_height(self, name: str) -> float:
        """The natural line height (in ems) of the face set for `name`: Word's and LibreOffice's
        "single" line, which a multiple of it scales."""
        r = self.resolved(name)
        return face_metrics(r.path, r.index).line if r is not None else 1.3

    def alternative(self, name: str) -> str | None:
        """The common face Word and WPS should set where a reader lacks `name` (仿宋_GB2312 and
        楷体_GB2312 are not on a stock Windows, 方正小标宋简体 rarely is): 仿宋, 楷体, 华文中宋, taken
        from the role's later candidates; None for a common face itself."""
        candidates = self.roles.get(name) or [name]
        if name in COMMON_FACES:
            return None
        return next((c for c in candidates[1:] if c in COMMON_FACES), None)

    def describe(self, name: str) -> FaceInfo:
        """How the font table describes `name`: as Word does for the faces it knows, else as the
        face set for it here describes itself."""
        if name in KNOWN_FACES:
            return KNOWN_FACES[name]
        r = self.resolved(name)
        if r is None:
            return FaceInfo("00000000000000000000", ("00000000",) * 6)
        return face_metrics(r.path, r.index).info

    def fallback_warning(self) -> str | None:
        """One Chinese line naming the faces that are not installed here and what the DOCX embeds
        instead (None when all are)."""
        missing = []
        for name in self.roles:
            r = self.resolved(name)
            if r is not None and r.packaged and r.warning:
                missing.append(f"{name}→{_PACKAGED.get(r.family, r.family)}")
        if not missing:
            return None
        return ("本机没有模板指定的字体，Word 文档中嵌入的是程序自带的字体：" + "，".join(missing)
                + "（收件人电脑上装有原字体时用原字体）")


# the packaged faces by the Chinese names users know (as the PDF writer names them)
_PACKAGED = {"Noto Serif SC": "思源宋体", "Noto Sans SC": "思源黑体", "Bulletin Kai": "简报楷体"}


# ---------------------------------------------------------------- embedding

def embedded_faces(plan: FontPlan, uses: dict[tuple[str, bool], set[str]]) -> dict[str, FontEntry]:
    """For each Chinese face of the template that the document sets, its font-table entry with the
    face (and a bold face, where one is installed) embedded, subset to the characters it sets."""
    from ...fontcache import converted_font

    by_name: dict[str, dict[bool, set[str]]] = {}
    for (name, bold), chars in uses.items():
        if name in plan.roles and chars:
            by_name.setdefault(name, {}).setdefault(bold, set()).update(chars)
    # one conversion per source face, holding every character any name set in it needs
    wanted: dict[tuple[str, int, int], tuple[object, set[str]]] = {}
    faces: dict[tuple[str, bool], object] = {}
    for name, parts in by_name.items():
        r = plan.resolved(name)
        if r is None:
            continue
        faces[(name, False)] = r
        if parts.get(True):
            from ... import fonts as fontlib

            b = fontlib.default_resolver().resolve_bold(r)
            if b is not None:
                faces[(name, True)] = b
    for (name, bold), r in faces.items():
        chars = set().union(*by_name[name].values()) if not bold else by_name[name][True]
        key = (str(r.path), r.index, r.weight)
        wanted.setdefault(key, (r, set()))[1].update(chars)
    sources = {key: _guard(lambda: converted_font(r, "".join(sorted(chars))), r)
               for key, (r, chars) in wanted.items()}
    out: dict[str, FontEntry] = {}
    for (name, bold), r in sorted(faces.items(), key=lambda x: (x[0][0], x[0][1])):
        chars = set().union(*by_name[name].values()) if not bold else by_name[name][True]
        source = sources[(str(r.path), r.index, r.weight)]
        face = _guard(lambda: _face_part(source, chars, name, bold), r)
        entry = out.setdefault(name, FontEntry(name, plan.alternative(name), plan.describe(name)))
        if bold:
            entry.bold = face
        else:
            entry.regular = face
    return out


_FACE_HEAD = struct.Struct("<38sLL")       # font key, CRC-32, size of the obfuscated face


def _face_part(source: Path, chars: set[str], name: str, bold: bool) -> EmbeddedFace:
    """The part of the face at `source` cut down to `chars`, named `name`, obfuscated and deflated:
    from the cache (writers/docx/cache.py) when made before, deflating 750 KB of faces being most of
    what packaging a document costs."""
    import zlib

    from . import cache
    from .package import deflate

    entry = cache.key("face", _subset_digest(source, chars, name, bold)) + ".odttf.z"
    payload = cache.read("faces", entry)
    if payload is not None and len(payload) > _FACE_HEAD.size:
        key, crc, size = _FACE_HEAD.unpack_from(payload)
        return EmbeddedFace(payload[_FACE_HEAD.size:], crc, size, key.decode("ascii"))
    data = _renamed_subset(source, chars, name, bold)
    key = font_key(data + name.encode("utf-8"))
    odttf = obfuscate(data, key)
    face = EmbeddedFace(deflate(odttf, 1), zlib.crc32(odttf), len(odttf), key)
    cache.write("faces", entry, _FACE_HEAD.pack(key.encode("ascii"), face.crc, face.size) + face.deflated)
    return face


def _guard(fn, r):
    try:
        return fn()
    except BulletinError:
        raise
    except Exception as exc:
        raise ExportError(f"字体“{r.family}”（{r.path}）无法嵌入 Word 文档：{exc}") from None


def _codes(chars: set[str]) -> list[int]:
    return sorted({ord(c) for c in chars if c.isprintable() and not c.isspace()} | {0x20, 0x3000})


def _subset_digest(source: Path, chars: set[str], name: str, bold: bool, codes: list[int] | None = None) -> str:
    codes = _codes(chars) if codes is None else codes
    return hashlib.sha1(repr((CACHE_VERSION, source.name, name, bold, codes)).encode("utf-8")).hexdigest()[:24]


def _renamed_subset(source: Path, chars: set[str], name: str, bold: bool) -> bytes:
    """The TrueType face at `source` cut down to `chars` and named `name`, from the cache when made before."""
    codes = _codes(chars)
    digest = _subset_digest(source, chars, name, bold, codes)
    folder = cache_dir() / "fonts" / "docx"
    path = folder / f"{digest}.ttf"
    try:
        data = path.read_bytes()
        if data[:4] == b"\x00\x01\x00\x00":
            return data
    except OSError:
        pass
    data = _subset(source, codes, name, bold)
    try:
        atomic_write(path, data)
        _prune(folder)
    except OSError:
        pass                 # an unwritable cache only costs subsetting again next time
    return data


def _prune(folder: Path) -> None:
    try:
        files = sorted(folder.glob("*.ttf"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[CACHE_KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def _subset(source: Path, codes: list[int], name: str, bold: bool) -> bytes:
    """fontTools' subsetter over a TrueType face, then its family renamed to `name`."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    from ...fontcache import original_name, subset_face

    font = TTFont(str(source))
    try:
        subset_face(font, codes, keep_variations=True)     # the cut the PDF gives the faces it converts
        table = font["name"]
        ps = original_name((table.getDebugName(6) or "Font").replace(" ", ""))
        tag = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6].upper()
        style = "Bold" if bold else "Regular"
        for nid in (1, 2, 3, 4, 6, 16, 17):
            table.removeNames(nameID=nid)
        for lang in (0x409, 0x804):
            table.setName(name, 1, 3, 1, lang)
            table.setName(style, 2, 3, 1, lang)
            table.setName(name if not bold else f"{name} Bold", 4, 3, 1, lang)
        table.setName(f"{ps}-{tag};bulletin", 3, 3, 1, 0x409)
        table.setName(re.sub(r"[^A-Za-z0-9-]", "", f"{ps.split('-')[0]}-{tag}-{style}")[:63], 6, 3, 1, 0x409)
        os2 = font["OS/2"]
        os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
        font["head"].macStyle = 1 if bold else 0
        out = BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()
