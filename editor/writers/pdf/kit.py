"""The PDF writer's toolbox: fonts per role, measuring, colours and the template's styles.

One `Kit` serves a whole export (both passes). Fonts come from editor.fonts: each
role's candidates are resolved once, and every distinct face (and the installed bold
weight of a role that has bold styles) is opened once (sfnt.Face) and embedded as a subset
holding the characters of this issue.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterable

from ...compose import Run
from ...errors import BulletinError, ExportError
from ...template import Style, Template
from ..linebreak import Para, Piece

# Characters the writer sets itself, beyond the issue's text.
FIXED_TEXT = ("CONTENTS 0123456789—·…．.:-–/() 　，。、：；（）《》“”"
              "■□●本期要目闻导读编者按扫描二维码阅读全文第期总页续封面底机构简介声明来源更多文章见")


# A web address in running text (up to the first space or Chinese punctuation mark).
URL = re.compile(r"(https?://[^\s，。；、：！？（）《》“”‘’【】]+[^\s，。；、：！？（）《》“”‘’【】.,;:!?)])")

# Styles of numbered headings: set apart from the text by their face, or by weight where the face
# fell back to the text's own.
HEADINGS = frozenset({"heading1", "heading2", "heading3", "heading4"})


def short_key(data: bytes) -> str:
    """A 16-hex-digit name for a cache entry (CRC-32 and Adler-32: hashlib is not imported for it);
    entries store what they were made from and are checked against it when read."""
    import zlib

    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


class Color:
    """An RGB colour, components 0–1."""

    __slots__ = ("red", "green", "blue")

    def __init__(self, red: float, green: float, blue: float):
        self.red, self.green, self.blue = red, green, blue


def hex_color(value: str) -> Color:
    v = value.lstrip("#")
    return Color(int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255)


class _WidthTable(dict):
    """Advances at size 1 of a face's characters, each looked up once."""

    def __init__(self, face):
        super().__init__()
        self.face = face
        self.scale = 1.0 / face.upem

    def __missing__(self, ch: str) -> float:
        face = self.face
        w = self[ch] = face.advance(face.glyph(ord(ch))) * self.scale
        return w


class LineRecord:
    """One set line, kept for tests and checks: its style, text and physical page, and which
    paragraph it belongs to (the same number on both sides of a page break; None for labels)."""

    __slots__ = ("style", "text", "page", "paragraph")

    def __init__(self, style: str, text: str, page: int, paragraph: int | None = None):
        self.style, self.text, self.page, self.paragraph = style, text, page, paragraph

    def __repr__(self) -> str:
        return f"LineRecord({self.style!r}, {self.text!r}, page={self.page})"


class Kit:
    """Fonts (role → face key), styles, colours and measuring for one export."""

    def __init__(self, template: Template, fonts: Fonts):
        self.template = template
        self.fonts = fonts.roles
        self.bold_faces = fonts.bold
        self.stroke = fonts.stroke
        self.family = fonts.family
        self.faces = fonts.faces
        self.alias = fonts.alias
        self.heavy = fonts.heavy
        self.keep_doc_numbers = not template.pdf.compress_doc_numbers
        self.warnings: list[str] = list(fonts.warnings)
        self.records: list[LineRecord] = []
        self.record_lines = True
        self._widths: dict[tuple[str, str], float] = {}
        self._colors: dict[str, Color] = {}
        self._tables: dict[str, dict[str, float]] = {}
        self._cid: dict = {}

    def style(self, name: str) -> Style:
        return self.template.styles[name]

    def font(self, role: str) -> str:
        return self.fonts.get(role) or next(iter(self.fonts.values()))

    def color(self, value: str) -> Color:
        c = self._colors.get(value)
        if c is None:
            c = self._colors[value] = hex_color(self.template.color(value))
        return c

    def measure(self, font: str, text: str, size: float) -> float:
        key = (font, text)
        w = self._widths.get(key)
        if w is None:
            table = self.widths(font)
            w = self._widths[key] = sum([table[c] for c in text])
        return w * size

    def widths(self, font: str) -> dict[str, float]:
        """Character advances of `font` at size 1; a character not met before is measured once."""
        table = self._tables.get(font)
        if table is None:
            face = self.faces[font]
            table = getattr(face, "width_table", None)      # one per face and process: a batch
            if table is None:                               # measures the same characters again
                table = face.width_table = _WidthTable(face)
            self._tables[font] = table
        return table

    def embedded(self, font: str, canv):
        """The face `font` as embedded in the document `canv` writes (see cidfont), its resource
        named on this page."""
        font = self.alias.get(font, font)
        f = canv.fonts.get(font)
        if f is None:
            from .cidfont import EmbeddedFont

            f = EmbeddedFont(font, self.faces[font])
        canv.use_font(f)
        self._cid[font] = f
        return f

    def real(self, piece: Piece) -> Piece:
        """`piece` in its real bold face, where one is installed (else as is: set in faux bold)."""
        bold = self.bold_faces.get(piece.font) if piece.bold else None
        if bold is None:
            return piece
        return Piece(piece.text, bold, piece.size, False, piece.color, piece.link)

    def stroke_width(self, piece: Piece) -> float:
        """Line width of the synthetic emboldening of `piece` (0: none)."""
        bold = (1 / 30 if piece.bold else 0.0) + self.stroke.get(piece.font, 0.0)
        return piece.size * max(bold, self.heavy.get(piece.font, 0.0))

    def prepare(self, pieces) -> Para:
        return Para([self.real(p) for p in pieces], self.widths, self.keep_doc_numbers)

    def piece(self, text: str, style_name: str, link: str | None = None) -> Piece:
        st = self.style(style_name)
        return Piece(text, self.font(st.font), st.size, st.bold, st.color, link)

    def pieces(self, runs: Iterable[Run], style_name: str) -> list[Piece]:
        """Runs of a composed paragraph; a run with a style of its own takes that style's look."""
        out = []
        base = self.style(style_name)
        base_font = self.font(base.font)
        text_font = self.font(self.style("body").font)
        for run in runs:
            if not run.text:
                continue
            st = self.style(run.style) if run.style else base
            font = self.font(st.font)
            bold = st.bold
            if run.style and font == base_font and not bold and st.color == base.color:
                # The lead's face (楷体 for （一）) is not installed and fell back to the body's own
                # face: without a change of weight the lead would not show at all.
                bold = True
            elif not run.style and style_name in HEADINGS and font == text_font and not bold:
                # the same for a heading on a line of its own
                bold = True
            # a run-in lead keeps the paragraph's size so the line stays even; web addresses are live
            for i, part in enumerate(URL.split(run.text)):
                if part:
                    out.append(Piece(part, font, base.size, bold, st.color, part if i % 2 else None))
        return out

    def record(self, style: str, text: str, page: int, paragraph: int | None = None) -> None:
        if self.record_lines:
            self.records.append(LineRecord(style, text, page, paragraph))


def collect_text(comp) -> str:
    """Every character the export may set, for font subsetting."""
    from dataclasses import fields, is_dataclass

    parts: list[str] = [FIXED_TEXT, comp.title, comp.issue_line, comp.header]

    def walk(obj) -> None:
        if isinstance(obj, str):
            parts.append(obj)
        elif isinstance(obj, (list, tuple)):
            for x in obj:
                walk(x)
        elif is_dataclass(obj):
            for f in fields(obj):
                if f.name not in ("path", "url", "article_id", "headline_article"):
                    walk(getattr(obj, f.name))

    walk(comp.elements)
    return "".join(parts)


class Fonts:
    """The faces of one export: role → face key, the real bold face of a font where one is
    installed, and extra stroke (in ems) for faces that stand in for a heavier one."""

    def __init__(self):
        self.roles: dict[str, str] = {}
        self.bold: dict[str, str] = {}
        self.stroke: dict[str, float] = {}
        self.family: dict[str, str] = {}         # face key → family name, for messages
        self.faces: dict = {}                    # face key → sfnt.Face
        self.alias: dict[str, str] = {}          # face key → the face key it is embedded as
        self.heavy: dict[str, float] = {}        # face key → least emboldening (ems), bold or not
        self.warnings: list[str] = []


ROLE_NAMES = {"song": "宋体", "hei": "黑体", "kai": "楷体", "fangsong": "仿宋", "title": "标题（小标宋）"}
PACKAGED_NAMES = {"Noto Serif SC": "思源宋体", "Noto Sans SC": "思源黑体", "Bulletin Kai": "简报楷体"}

# 黑体 (SimHei, Heiti) has stems about as heavy as a Medium weight; the packaged Noto Sans SC is a
# Regular. Where it stands in for 黑体 it is set with this much synthetic emboldening (of the em),
# so that a 一、 heading in 黑体 does not come out lighter than the bold （一） leads below it.
HEI_STAND_IN_STROKE = 0.022
# 小标宋 (方正小标宋, 华文中宋) is a heavy Song: its stems are about those of a Song's Bold. A role asking
# for one that gets a lighter serif instead (the packaged Noto Serif SC, an installed 宋体) takes the
# family's installed bold face where there is one, else is set with this much emboldening (a bold
# of its own is 1/30 em), so that titles keep their weight against the body.
HEAVY_SONG_HINT = re.compile(r"小标宋|标宋|中宋|XiaoBiaoSong|Zhongsong", re.IGNORECASE)
HEAVY_STAND_IN_STROKE = 0.026


def load_fonts(template: Template, text: str, progress: Callable[[float, str], None] | None = None) -> Fonts:
    """The faces for every role the styles use, subset to `text`, with Chinese warnings."""
    from ... import fonts as fontlib

    chars = "".join(sorted(set(text) - {"\n", "\r", "\t"}))
    roles = sorted({st.font for st in template.styles.values()})
    bold_roles = {st.font for st in template.styles.values() if st.bold}
    resolver = fontlib.default_resolver()
    out = Fonts()
    resolved = {}
    for role in roles:
        r = resolved[role] = _guard(lambda: resolver.resolve(template.fonts[role]),
                                    f"无法加载字体角色“{role}”（{'、'.join(template.fonts[role])}）")
    fallbacks = [role for role in roles if resolved[role].packaged and resolved[role].warning]
    if len(fallbacks) > 1:
        # one line rather than one per role: on a machine without the 公文 fonts every role falls back
        family = {role: resolved[role].family for role in fallbacks}
        pairs = "，".join(f"{ROLE_NAMES.get(role, role)}→{PACKAGED_NAMES.get(family[role], family[role])}"
                         for role in fallbacks)
        out.warnings.append(f"本机没有模板指定的字体，已改用程序自带的字体：{pairs}")
    for role in roles:
        r = resolved[role]
        if r.warning and (role not in fallbacks or len(fallbacks) == 1) and r.warning not in out.warnings:
            out.warnings.append(r.warning)
    faces: dict[tuple[str, int], str] = {}
    count = len({(str(r.path), r.index) for r in resolved.values()})

    def register(r) -> str:
        key = (str(r.path), r.index)
        if key not in faces:
            if progress:
                progress(0.05 + 0.15 * len(faces) / max(1, count), f"准备字体 {r.family}")
            # (characters the face lacks are reported by the writer, for those actually set)
            face = _guard(lambda: open_face(r, chars), f"字体“{r.family}”（{r.path}）无法用于 PDF")
            name = faces[key] = f"F{len(faces) + 1}-{face.ps_name}"
            out.faces[name] = face
            out.family[name] = r.family
        return faces[key]

    for role in roles:
        r = resolved[role]
        name = out.roles[role] = register(r)
        if role in bold_roles and name not in out.bold:
            bold = resolver.resolve_bold(r)
            if bold is not None:
                out.bold[name] = register(bold)
        if r.packaged and r.warning and r.family == "Noto Sans SC":
            out.stroke[name] = HEI_STAND_IN_STROKE
        if HEAVY_SONG_HINT.search(template.fonts[role][0]) and not HEAVY_SONG_HINT.search(r.family):
            heavy = resolver.resolve_bold(r)
            if heavy is not None:     # the family's bold stands in; asked for bold, it is not bolded again
                heavy_name = out.roles[role] = register(heavy)
                out.bold[heavy_name] = heavy_name
            else:                     # the same embedded face under a name of its own, drawn heavier
                alias = out.roles[role] = f"{name}~heavy"
                out.faces[alias], out.family[alias] = out.faces[name], out.family[name]
                out.alias[alias] = name
                out.heavy[alias] = HEAVY_STAND_IN_STROKE
    return out


_OPENED: dict[tuple[str, int, int], object] = {}


def open_face(r, chars: str):
    """The face to embed for a resolved font: the installed file itself when it is static TrueType
    or CID-keyed CFF (read as it is, nothing converted), else the TrueType copy editor.fontcache
    makes once (variable fonts, CFF2, name-keyed CFF) and keeps."""
    from ...fontcache import converted_font
    from .sfnt import Face, FontFormatError

    from ...errors import ExportError, os_reason

    try:
        st = os.stat(r.path)
    except FileNotFoundError:
        raise ExportError(f"字体文件“{r.path}”不存在（可能已被删除或移动）") from None
    except OSError as exc:
        raise ExportError(f"无法读取字体文件“{r.path}”（{os_reason(exc)}）") from None
    key = (str(r.path), r.index, r.weight, st.st_size, st.st_mtime_ns)
    face = _OPENED.get(key)
    if face is not None:
        return face
    face = None
    try:
        face = Face(r.path, r.index)
        if "fvar" in face.tables or "CFF2" in face.tables:
            face = None
        elif face.kind == "cff":
            face._cff()                  # reads the CFF's top: a name-keyed one raises here
    except FontFormatError:
        face = None
    except OSError as exc:
        raise ExportError(f"无法读取字体文件“{r.path}”（{os_reason(exc)}）") from None
    if face is not None and face.fs_type and not _embeddable(face.fs_type):
        raise ExportError(f"字体“{r.family}”（{r.path}）的授权不允许嵌入 PDF，请在模板的 [fonts] 中换用其他字体")
    if face is None:
        face = Face(converted_font(r, chars))
    _OPENED[key] = face
    return face


def _embeddable(fs_type: int) -> bool:
    return fs_type != 0x0002 and not fs_type & 0x0300


def _guard(fn, what: str):
    """fn(), with any failure but our own errors turned into a Chinese ExportError about `what`."""
    try:
        return fn()
    except BulletinError:
        raise
    except Exception as exc:        # a broken font file must not surface as a traceback
        raise ExportError(f"{what}：{exc}") from None
