"""Chinese fonts: finding them by name, falling back to the packaged ones, making them usable by reportlab.

A template names fonts per role as lists of family names (宋体, SimSun, Songti SC,
Noto Serif SC …). `FontResolver.resolve(candidates)` returns the first one that is
installed, looked up by every name a font carries (English and localized Chinese
names alike) in the platform's font folders. When none is installed, the fonts
shipped by a PyPI package (Noto Serif SC / Noto Sans SC) are used, with a Chinese
warning. Faces with Japanese, Korean or traditional glyph forms (Noto Sans CJK JP …)
are never chosen: their SC sibling is taken instead, if installed.

The PDF writer embeds installed faces as they are; `converted_font(resolved, chars)` (from
editor.fontcache) makes a cached TrueType copy of those it cannot (variable fonts, CFF2).

Scanning installed fonts happens once: the index of font files is kept on disk and
only files that are new or changed since are read again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import stat
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ExportError
from .fontcache import _broken, _embeddable, _open, converted_font
from .paths import atomic_write, cache_dir

# the package data of the shipped faces: the 楷体, its licence, the CFF faces' reach tables
PACKAGED_DATA = Path(__file__).resolve().parent / "data" / "fonts"
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
INDEX_VERSION = 5

# The packaged faces: kind → (family, where the file is, the Chinese name users know). Noto Serif SC
# and Noto Sans SC come from a PyPI package (module function giving the path); the 楷体 is ours,
# package data: LXGW WenKai subset to 通用规范汉字表 and renamed (tools/make_kai_font.py, OFL.txt),
# stored gzip-compressed (4.4 → 2.6 MB of the app's size budget) and unpacked once into the cache.
_PACKAGED = {
    "serif": ("Noto Serif SC", "serif_path", "思源宋体"),
    "sans": ("Noto Sans SC", "sans_path", "思源黑体"),
    "kai": ("Bulletin Kai", "BulletinKai-Regular.ttf.gz", "简报楷体（霞鹜文楷）"),
}
_PACKAGED_NAMES = {
    "notoserifsc": "serif", "思源宋体": "serif", "sourcehanserifsc": "serif",
    "notosanssc": "sans", "思源黑体": "sans", "sourcehansanssc": "sans",
    "bulletinkai": "kai", "简报楷体": "kai",
}
# Candidates that ask for a sans (黑体) face fall back to Noto Sans SC, a 楷体 to the packaged Kai,
# all others to Noto Serif SC.
_SANS_HINT = re.compile(r"黑|hei|sans|gothic|雅黑|yahei", re.IGNORECASE)
_KAI_HINT = re.compile(r"楷|kai", re.IGNORECASE)
# Family names of faces with non-Simplified glyph forms: "Noto Sans CJK JP", "Source Han Serif K" …
_REGION = re.compile(r"^(?P<base>.*?)\s*(?P<region>JP|J|KR|K|TC|HK|TW)$")


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


# ---------------------------------------------------------------- resolved fonts

@dataclass(frozen=True)
class ResolvedFont:
    """A face to use: its family name, file, face number in a collection, and the warning, if the
    template's first choices were not installed (Chinese; None when the font asked for was found)."""

    family: str
    path: Path
    index: int = 0
    warning: str | None = None
    weight: int = 400
    packaged: bool = False

    def covers(self, chars: str) -> set[str]:
        """The characters of `chars` this face has no glyph for (whitespace is ignored)."""
        wanted = {c for c in chars if not c.isspace() and c.isprintable()}
        if not wanted:
            return set()
        cmap = _cmap(self.path, self.index)
        return {c for c in wanted if ord(c) not in cmap}


_CMAPS: dict[tuple[str, int], frozenset[int]] = {}


def _cmap(path: Path, index: int) -> frozenset[int]:
    key = (str(path), index)
    cmap = _CMAPS.get(key)
    if cmap is None:
        font = _open(path, index)
        try:
            cmap = _CMAPS[key] = frozenset(font.getBestCmap() or {})
        except Exception as exc:
            raise _broken(path, exc) from None
        finally:
            font.close()
    return cmap


# ---------------------------------------------------------------- packaged fonts

def packaged_font_files(kinds: Iterable[str] | None = None, skip: Iterable[str] = ()) -> list[Path]:
    """The CJK font files shipped with the program (for Qt's addApplicationFont): all of them, or those
    of `kinds` ("serif", "sans", "kai"), less those of `skip`."""
    return [p for p in (_packaged_path(kind) for kind in _PACKAGED if (kinds is None or kind in kinds)
                        and kind not in skip) if p is not None]


def _packaged_path(kind: str) -> Path | None:
    where = _PACKAGED[kind][1]
    if where.endswith(".gz"):                   # a file of ours, else the name of the package's function
        path = PACKAGED_DATA / where
        if not path.is_file():
            return None
        return unpacked(path) if path.suffix == ".gz" else path
    try:
        import pylopdf_fonts_zh_cn as pkg
    except ImportError:
        return None
    path = Path(getattr(pkg, where)())
    return path if path.is_file() else None


STALE_UNPACKED_DAYS = 7       # another version's unpacked face is removed once this old


def unpacked(packed: Path) -> Path | None:
    """The font file of `packed` (x.ttf.gz), unpacked into cache_dir()/packaged-fonts once per version
    of it (a folder of its own: fontcache's converted subsets keep family names a font folder given to
    fontconfig or LibreOffice would mix in).

    The name carries the face's checksum (the CRC-32 that gzip keeps at the end of the file), so every
    installation and checkout with the same face shares one file. Another
    version's file is removed only when it was unpacked over a week ago: two programs side by side
    (a bundle and a pip install) would otherwise delete each other's face between resolving and
    opening it. Where the cache cannot be written the face is unpacked into the temporary folder,
    and only if that fails too is it missing (None: the caller says to reinstall the program).
    """
    try:
        st = packed.stat()
        name = _unpacked_name(packed, st.st_size, st.st_mtime_ns)
    except OSError:
        return None
    stem = name.rsplit("-", 1)[0]
    for folder in (cache_dir() / "packaged-fonts", None):
        if folder is None:                      # the cache cannot be written: the temporary folder
            import tempfile

            folder = Path(tempfile.gettempdir()) / "bulletin-fonts"
        target = folder / name
        if target.is_file():
            return target
        try:
            import zlib

            atomic_write(target, zlib.decompress(packed.read_bytes(), wbits=31))     # 31: a gzip stream
        except (OSError, zlib.error):
            continue
        import time

        for old in folder.glob(f"{stem}-*.ttf"):
            with contextlib.suppress(OSError):
                if old != target and time.time() - old.stat().st_mtime > STALE_UNPACKED_DAYS * 86400:
                    old.unlink()
        return target
    return None


@functools.lru_cache(maxsize=8)
def _unpacked_name(packed: Path, size: int, mtime_ns: int) -> str:
    with open(packed, "rb") as f:
        f.seek(max(0, size - 8))
        crc = int.from_bytes(f.read(4), "little")        # gzip's trailer: CRC-32 and size of the face
    return f"{packed.name[:-len('.ttf.gz')]}-{crc:08x}.ttf"


def _packaged(kind: str, warning: str | None = None) -> ResolvedFont:
    family, _, zh = _PACKAGED[kind]
    path = _packaged_path(kind)
    if path is None:
        again = "" if kind == "kai" else "（pip install pylopdf-fonts-zh-cn）"
        raise ExportError(f"找不到程序自带的{zh}（{family}）：请重新安装本程序{again}，"
                          "或在模板的 [fonts] 中指定已安装的字体")
    return ResolvedFont(family, path, 0, warning, 400, packaged=True)


# ---------------------------------------------------------------- installed fonts

def system_font_dirs() -> list[Path]:
    """The folders where this platform keeps installed fonts (system-wide and per user), or those
    named by $BULLETIN_FONT_DIRS (os.pathsep-separated; empty: none, as on a machine without
    Chinese fonts: the tests set it so)."""
    if "BULLETIN_FONT_DIRS" in os.environ:
        return [Path(p) for p in os.environ["BULLETIN_FONT_DIRS"].split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        dirs.append((Path(local) if local else home / "AppData" / "Local") / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = os.environ.get("XDG_DATA_HOME")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            (Path(data_home) if data_home else home / ".local" / "share") / "fonts", home / ".fonts"]


@dataclass
class Face:
    """One face of an installed font file, as recorded in the index."""

    path: str
    index: int
    names: list[str]          # every family, full and PostScript name, all languages
    family: str               # its English family name, for messages and Typst
    weight: int
    italic: bool
    embeddable: bool = True   # OS/2 fsType allows embedding in a PDF
    weights: list[int] | None = None   # a variable font's weight axis [min, max]; None for a static face

    def weight_near(self, target: int) -> int:
        """The weight this face can be set in that is nearest to `target` (any, for a variable font)."""
        if self.weights:
            return max(self.weights[0], min(self.weights[1], target))
        return self.weight

    @property
    def keys(self) -> set[str]:
        return {_norm(n) for n in self.names}


def _read_faces(path: Path) -> list[Face]:
    """The faces of one font file; [] for a file that cannot be read (it is simply not offered).

    Read with struct from the table directory, name, OS/2 and fvar tables only: a machine with
    hundreds of fonts is indexed in a fraction of a second (fontTools took 2.5 ms a file)."""
    faces = []
    try:
        with open(path, "rb") as f:
            data = f.read(12)
            if data[:4] == b"ttcf":
                count = min(int.from_bytes(data[8:12], "big"), 64)
                f.seek(12)
                offsets = [int.from_bytes(f.read(4), "big") for _ in range(count)]
            else:
                offsets = [0]
            for i, base in enumerate(offsets):
                face = _read_face(f, base, str(path), i)
                if face is not None:
                    faces.append(face)
    except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError):
        return []
    return faces


def _read_face(f, base: int, path: str, index: int) -> Face | None:
    f.seek(base)
    head = f.read(12)
    if head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return None
    count = struct.unpack(">H", head[4:6])[0]
    directory = f.read(16 * count)
    tables = {}
    for k in range(count):
        tag, _sum, offset, length = struct.unpack(">4sIII", directory[16 * k:16 * k + 16])
        tables[tag] = (offset, length)

    def table(tag: bytes) -> bytes | None:
        if tag not in tables:
            return None
        offset, length = tables[tag]
        f.seek(offset)
        return f.read(min(length, 1 << 20))

    name = table(b"name")
    if not name:
        return None
    names, english = [], {}
    count, strings = struct.unpack(">HH", name[2:6])
    for k in range(count):
        platform, enc, lang, nid, length, offset = struct.unpack(">6H", name[6 + 12 * k:18 + 12 * k])
        if nid not in (1, 4, 6, 16):
            continue
        raw = name[strings + offset:strings + offset + length]
        if platform in (0, 3):
            text = raw.decode("utf-16-be", "replace")
        elif platform == 1 and enc == 0:
            text = raw.decode("mac-roman", "replace")
        else:
            continue
        text = text.strip().strip("\x00")
        if text and text not in names:
            names.append(text)
        if nid in (1, 16) and text and (platform, lang) in ((3, 0x409), (1, 0)):
            english[(nid, platform)] = text
    if not names:
        return None
    # the typographic family (16) over the legacy one (1); Windows records over Mac ones
    family = next((english[k] for k in ((16, 3), (16, 1), (1, 3), (1, 1)) if k in english), "")
    weight, italic, fs_type = 400, False, 0
    os2 = table(b"OS/2")
    if os2 and len(os2) >= 64:
        weight = struct.unpack(">H", os2[4:6])[0]
        fs_type = struct.unpack(">H", os2[8:10])[0]
        italic = bool(struct.unpack(">H", os2[62:64])[0] & 1)
    weights = None
    fvar = table(b"fvar")
    if fvar and len(fvar) >= 16:
        axes_at, axis_count, axis_size = struct.unpack(">HHH", fvar[4:10])
        for k in range(axis_count):
            rec = fvar[axes_at + k * axis_size:axes_at + k * axis_size + 20]
            if rec[:4] == b"wght":
                lo, _default, hi = (v / 65536 for v in struct.unpack(">iii", rec[4:16]))
                weights = [int(lo), int(hi)]
    return Face(path, index, names, family or names[0], weight, italic, _embeddable(fs_type), weights)


class FontIndex:
    """Installed font files and their faces, kept on disk so that each file is read only once."""

    def __init__(self, dirs: list[Path] | None = None, store: Path | None = None):
        self.dirs = list(dirs) if dirs is not None else system_font_dirs()
        self.store = store if store is not None else cache_dir() / "fonts" / "installed.json"
        self._faces: list[Face] | None = None
        self._by_name: dict[str, list[Face]] | None = None     # normalised name → faces

    def faces(self) -> list[Face]:
        if self._faces is None:
            self._faces = self._load()
        return self._faces

    def _files(self) -> dict[str, tuple[int, int]]:
        files: dict[str, tuple[int, int]] = {}
        for d in self.dirs:
            if not d.is_dir():
                continue
            for root, _dirs, names in os.walk(d):
                for name in names:
                    if os.path.splitext(name)[1].lower() in FONT_SUFFIXES:
                        p = os.path.join(root, name)
                        try:
                            st = os.stat(p)
                        except OSError:
                            continue
                        if not stat.S_ISREG(st.st_mode):   # a FIFO or /dev/zero named x.ttf: never opened
                            continue
                        files[p] = (st.st_size, st.st_mtime_ns)
        return files

    def _load(self) -> list[Face]:
        files = self._files()
        try:
            data = json.loads(self.store.read_text(encoding="utf-8"))
            if data.get("version") != INDEX_VERSION:
                data = {}
        except (OSError, ValueError):
            data = {}
        known = data.get("files", {}) if isinstance(data, dict) else {}
        entries: dict[str, dict] = {}
        changed = set(known) != set(files)
        for p, (size, mtime) in files.items():
            old = known.get(p)
            if isinstance(old, dict) and old.get("size") == size and old.get("mtime") == mtime:
                entries[p] = old
                continue
            changed = True
            entries[p] = {"size": size, "mtime": mtime,
                          "faces": [f.__dict__ for f in _read_faces(Path(p))]}
        if changed:
            try:
                atomic_write(self.store, json.dumps({"version": INDEX_VERSION, "files": entries},
                                                    ensure_ascii=False).encode("utf-8"))
            except OSError:
                pass        # an unwritable cache only costs a rescan next time
        faces = []
        for e in entries.values():
            for f in e.get("faces", []):
                try:
                    faces.append(Face(**f))
                except TypeError:
                    continue
        return faces

    def find(self, name: str) -> list[Face]:
        """Faces carrying `name` as a family, full or PostScript name (any language)."""
        if self._by_name is None:
            self._by_name = {}
            for f in self.faces():
                for key in f.keys:
                    self._by_name.setdefault(key, []).append(f)
        return list(self._by_name.get(_norm(name), []))


def _region_base(face: Face) -> str | None:
    """For a face with non-Simplified glyph forms, its family without the region ("Noto Sans CJK")."""
    for name in [face.family, *face.names]:
        m = _REGION.match(name.strip())
        if m and m.group("base"):
            return m.group("base")
    return None


def _regular(faces: list[Face]) -> Face:
    """The upright face nearest to Regular weight."""
    return min(faces, key=lambda f: (f.italic, abs(f.weight_near(400) - 400), f.path, f.index))


# ---------------------------------------------------------------- resolving

class FontResolver:
    """Turns a role's candidate names into the face to use. One per process is enough
    (see `default_resolver`); results are remembered."""

    def __init__(self, index: FontIndex | None = None):
        self.index = index if index is not None else FontIndex()
        self._memo: dict[tuple[str, ...], ResolvedFont] = {}

    def resolve(self, candidates: list[str]) -> ResolvedFont:
        key = tuple(candidates)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._resolve(list(candidates))
        return found

    def _resolve(self, candidates: list[str]) -> ResolvedFont:
        missing: list[str] = []     # names not installed (or whose licence forbids embedding)
        for name in candidates:
            kind = _PACKAGED_NAMES.get(_norm(name))
            if kind is not None:
                if _packaged_path(kind) is not None:
                    return _packaged(kind, _fallback_warning(missing, kind) if missing else None)
                continue
            face = self._installed(name)
            if face is not None and face.embeddable:
                return ResolvedFont(face.family, Path(face.path), face.index, None, face.weight_near(400))
            missing.append(name if face is None else f"{name}（授权不允许嵌入 PDF）")
        kind = "sans" if any(_SANS_HINT.search(c) for c in candidates) else \
            "kai" if any(_KAI_HINT.search(c) for c in candidates) else "serif"
        return _packaged(kind, _fallback_warning(missing or list(candidates), kind))

    def _installed(self, name: str) -> Face | None:
        faces = [f for f in self.index.find(name) if _region_base(f) is None]
        if faces:
            return _regular(faces)
        # Only a Japanese/Korean/traditional face carries this name: take its SC sibling instead.
        for f in self.index.find(name):
            base = _region_base(f)
            siblings = [g for g in self.index.find(f"{base} SC") if _region_base(g) is None]
            if siblings:
                return _regular(siblings)
        return None

    def resolve_bold(self, resolved: ResolvedFont) -> ResolvedFont | None:
        """An installed bold face of the same family (weight 600 or more), if there is one: a static
        bold face, or a variable font instanced at Bold (700) by editor.fontcache."""
        if resolved.packaged:
            return None
        faces = [f for f in self.index.find(resolved.family)
                 if f.weight_near(700) >= 600 and not f.italic and f.embeddable and _region_base(f) is None]
        if not faces:
            return None
        f = min(faces, key=lambda f: (abs(f.weight_near(700) - 700), f.path, f.index))
        return ResolvedFont(f.family, Path(f.path), f.index, None, f.weight_near(700))


def _fallback_warning(missing: list[str], kind: str) -> str:
    family, _, zh = _PACKAGED[kind]
    names = "、".join(f"“{n}”" for n in missing)
    return f"未找到字体{names}，已改用程序自带的{zh}（{family}）"


_DEFAULT: FontResolver | None = None


def default_resolver() -> FontResolver:
    """The process's resolver over the platform's font folders."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = FontResolver()
    return _DEFAULT


__all__ = ["ResolvedFont", "FontResolver", "FontIndex", "Face", "default_resolver", "packaged_font_files",
           "converted_font", "system_font_dirs"]
