"""Chinese fonts: finding them by name, falling back to the packaged ones, making them usable by reportlab.

A template names fonts per role as lists of family names (宋体, SimSun, Songti SC,
Noto Serif SC …). `FontResolver.resolve(candidates)` returns the first one that is
installed, looked up by every name a font carries (English and localized Chinese
names alike) in the platform's font folders. When none is installed, the fonts
shipped by a PyPI package (Noto Serif SC / Noto Sans SC) are used, with a Chinese
warning. Faces with Japanese, Korean or traditional glyph forms (Noto Sans CJK JP …)
are never chosen: their SC sibling is taken instead, if installed.

reportlab embeds only TrueType outlines, and Noto's fonts are CFF. `reportlab_font`
subsets a face to the characters of an issue, converts CFF to quadratic TrueType
outlines with fontTools, caches the result on disk (keyed by the font file's hash
and the characters) and registers it with reportlab. Converting costs a second or
two per face; a later build with the same (or fewer) characters reads the cache.

Scanning installed fonts happens once: the index of font files is kept on disk and
only files that are new or changed since are read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExportError
from .paths import atomic_write, cache_dir

FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
INDEX_VERSION = 3
CACHE_VERSION = 1          # bump when the converted files change shape
MAX_CACHED_CHARS = 8000    # a growing subset is rebuilt from scratch beyond this

# The packaged faces: family → (module function giving the path, the Chinese name users know).
_PACKAGED = {
    "serif": ("Noto Serif SC", "serif_path", "思源宋体"),
    "sans": ("Noto Sans SC", "sans_path", "思源黑体"),
}
_PACKAGED_NAMES = {
    "notoserifsc": "serif", "思源宋体": "serif", "sourcehanserifsc": "serif",
    "notosanssc": "sans", "思源黑体": "sans", "sourcehansanssc": "sans",
}
# Candidates that ask for a sans (黑体) face fall back to Noto Sans SC, all others to Noto Serif SC.
_SANS_HINT = re.compile(r"黑|hei|sans|gothic|雅黑|yahei", re.IGNORECASE)
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


# ---------------------------------------------------------------- packaged fonts

def packaged_font_files() -> list[Path]:
    """The CJK font files shipped by the PyPI packages we depend on (for Qt's addApplicationFont)."""
    return [p for p in (_packaged_path(kind) for kind in _PACKAGED) if p is not None]


def _packaged_path(kind: str) -> Path | None:
    try:
        import pylopdf_fonts_zh_cn as pkg
    except ImportError:
        return None
    path = Path(getattr(pkg, _PACKAGED[kind][1])())
    return path if path.is_file() else None


def _packaged(kind: str, warning: str | None = None) -> ResolvedFont:
    family, _, zh = _PACKAGED[kind]
    path = _packaged_path(kind)
    if path is None:
        raise ExportError(f"找不到程序自带的{zh}（{family}）：请重新安装本程序"
                          "（pip install pylopdf-fonts-zh-cn），或在模板的 [fonts] 中指定已安装的字体")
    return ResolvedFont(family, path, 0, warning, 400, packaged=True)


# ---------------------------------------------------------------- installed fonts

def system_font_dirs() -> list[Path]:
    """The folders where this platform keeps installed fonts (system-wide and per user)."""
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

    @property
    def keys(self) -> set[str]:
        return {_norm(n) for n in self.names}


def _read_faces(path: Path) -> list[Face]:
    """The faces of one font file; [] for a file that cannot be read (it is simply not offered)."""
    from fontTools.ttLib import TTFont

    faces = []
    try:
        with open(path, "rb") as f:
            head = f.read(12)
        count = int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1
        for i in range(min(count, 64)):
            font = TTFont(str(path), fontNumber=i, lazy=True)
            try:
                names, english = [], {}
                for rec in font["name"].names:
                    if rec.nameID in (1, 4, 6, 16):
                        try:
                            text = rec.toUnicode().strip()
                        except Exception:
                            continue
                        if text and text not in names:
                            names.append(text)
                        english_rec = (rec.platformID, rec.langID) in ((3, 0x409), (1, 0))
                        if rec.nameID in (1, 16) and english_rec and text:
                            english[(rec.nameID, rec.platformID)] = text
                # the typographic family (16) over the legacy one (1); Windows records over Mac ones
                family = next((english[k] for k in ((16, 3), (16, 1), (1, 3), (1, 1)) if k in english), "")
                os2 = font["OS/2"] if "OS/2" in font else None
                weight = int(getattr(os2, "usWeightClass", 400)) if os2 is not None else 400
                italic = bool(getattr(os2, "fsSelection", 0) & 1) if os2 is not None else False
                embeddable = _embeddable(getattr(os2, "fsType", 0) if os2 is not None else 0)
                if names:
                    faces.append(Face(str(path), i, names, family or names[0], weight, italic, embeddable))
            finally:
                font.close()
    except Exception:
        return []
    return faces


class FontIndex:
    """Installed font files and their faces, kept on disk so that each file is read only once."""

    def __init__(self, dirs: list[Path] | None = None, store: Path | None = None):
        self.dirs = list(dirs) if dirs is not None else system_font_dirs()
        self.store = store if store is not None else cache_dir() / "fonts" / "installed.json"
        self._faces: list[Face] | None = None

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
        key = _norm(name)
        return [f for f in self.faces() if key in f.keys]


def _embeddable(fs_type: int) -> bool:
    """Whether OS/2 fsType lets a font be embedded in a document (as reportlab, too, checks)."""
    return fs_type != 0x0002 and not fs_type & 0x0300


def _region_base(face: Face) -> str | None:
    """For a face with non-Simplified glyph forms, its family without the region ("Noto Sans CJK")."""
    for name in [face.family, *face.names]:
        m = _REGION.match(name.strip())
        if m and m.group("base"):
            return m.group("base")
    return None


def _regular(faces: list[Face]) -> Face:
    """The upright face nearest to Regular weight."""
    return min(faces, key=lambda f: (f.italic, abs(f.weight - 400), f.path, f.index))


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
                return ResolvedFont(face.family, Path(face.path), face.index, None, face.weight)
            missing.append(name if face is None else f"{name}（授权不允许嵌入 PDF）")
        kind = "sans" if any(_SANS_HINT.search(c) for c in candidates) else "serif"
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
        """An installed bold face of the same family (weight 600 or more), if there is one."""
        if resolved.packaged:
            return None
        faces = [f for f in self.index.find(resolved.family)
                 if f.weight >= 600 and not f.italic and f.embeddable and _region_base(f) is None]
        if not faces:
            return None
        f = min(faces, key=lambda f: (abs(f.weight - 700), f.path, f.index))
        return ResolvedFont(f.family, Path(f.path), f.index, None, f.weight)


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


# ---------------------------------------------------------------- reportlab

_REGISTERED: dict[str, str] = {}        # cache file → registered reportlab name


def reportlab_font(resolved: ResolvedFont, chars: str) -> str:
    """The reportlab font name of `resolved`, holding at least the glyphs of `chars`.

    The face is subset to those characters and, if its outlines are CFF, converted to
    TrueType; the result is cached under cache_dir()/fonts and reused by any later call
    whose characters it already holds.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont

    wanted = {ord(c) for c in chars if not c.isspace() and c.isprintable()} | {0x20, 0x3000}
    folder = cache_dir() / "fonts"
    fid = _file_id(resolved.path)
    prefix = f"v{CACHE_VERSION}-{fid[:20]}-{resolved.index}"
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
        data = _convert(resolved, codes)
        digest = hashlib.sha1(repr(codes).encode()).hexdigest()[:20]
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
    name = _REGISTERED.get(str(path))
    if name is None:
        name = "BL-" + hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:16]   # one per face and subset
        try:
            pdfmetrics.registerFont(RLTTFont(name, str(path)))
        except Exception as exc:
            path.unlink(missing_ok=True)        # a damaged cache entry is rebuilt next time
            _forget(folder, prefix, path.name)
            raise _broken(resolved.path, exc) from None
        _REGISTERED[str(path)] = name
    return name


def _file_id(path: Path) -> str:
    """A hash of the font file's bytes, so that a replaced font never reuses an old conversion.

    Hashed once per process and (size, mtime) of the file: a font file is megabytes."""
    try:
        st = os.stat(path)
        memo_key = (str(path), st.st_size, st.st_mtime_ns)
        digest = _FILE_IDS.get(memo_key)
        if digest is None:
            with open(path, "rb") as f:
                digest = _FILE_IDS[memo_key] = hashlib.file_digest(f, "sha1").hexdigest()
    except FileNotFoundError:
        raise ExportError(f"字体文件“{path}”不存在（可能已被删除或移动）") from None
    except OSError as exc:
        raise ExportError(f"无法读取字体文件“{path}”（{exc.strerror}）") from None
    return digest


_FILE_IDS: dict[tuple, str] = {}


def _manifest(folder: Path, prefix: str) -> dict[str, dict]:
    try:
        data = json.loads((folder / f"{prefix}.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


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


def _convert(resolved: ResolvedFont, codes: list[int]) -> bytes:
    """The face subset to `codes`, with TrueType outlines, as a standalone .ttf file."""
    from io import BytesIO

    from fontTools import subset

    font = _open(resolved.path, resolved.index)
    try:
        if "OS/2" in font and not _embeddable(font["OS/2"].fsType):
            raise ExportError(f"字体“{resolved.family}”（{resolved.path}）的授权不允许嵌入 PDF，"
                              "请在模板的 [fonts] 中换用其他字体")
        opts = subset.Options()
        opts.layout_features = []
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.hinting = False
        opts.glyph_names = False
        opts.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE", "DSIG", "meta",
                             "STAT", "MVAR", "HVAR", "fvar", "gvar", "avar", "cvar"]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=codes)
        sub.subset(font)
        if "CFF " in font or "CFF2" in font:
            _cff_to_glyf(font)
        out = BytesIO()
        font.save(out)
        return out.getvalue()
    except ExportError:
        raise
    except Exception as exc:
        raise _broken(resolved.path, exc) from None
    finally:
        font.close()


def _cff_to_glyf(font) -> None:
    """Replace CFF outlines by quadratic TrueType ones (fontTools' otf2ttf recipe, cu2qu at 1 unit)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0       # no glyph names: smaller, and reportlab does not need them
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


__all__ = ["ResolvedFont", "FontResolver", "FontIndex", "Face", "default_resolver", "packaged_font_files",
           "reportlab_font", "system_font_dirs"]
