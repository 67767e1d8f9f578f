"""Issue templates: a typed schema with defaults, read from issue_templates/<id>/template.toml.

A template holds what carries over from issue to issue: masthead, colophon,
disclaimer, columns, back matter, cadence, page and styles, the 文号 → issuer
table and rule severities. Unknown or mistyped fields are refused with a
message naming the file, the line and the field.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import tomllib
from dataclasses import field
from pathlib import Path
from typing import Any

from .errors import Problem, TemplateError, toml_error_location
from .model import ColophonEntry, Profile
from .records import record
from .safeio import ReadRefused, read_text

TEMPLATE_FILE = "template.toml"
MM_PT = 72 / 25.4
MIN_TEXT_WIDTH_MM = 60      # the type area a template may leave (A5 with 80 mm side margins leaves none)
MIN_TEXT_HEIGHT_MM = 80
MIN_LINE_CHARS = 4          # characters a line must hold after a style's indents
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
ALIGNMENTS = ("left", "center", "right", "justify")
SEVERITIES = ("error", "warning", "info", "off")
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0),
                 "16K": (185.0, 260.0), "Letter": (215.9, 279.4)}


def within(lo: float, hi: float, unit: str, default: Any) -> Any:
    """A numeric field of the schema with the range a template may give it (checked on reading,
    with a Chinese message naming the key and line): NaN, infinities and absurd values never
    reach the writers."""
    return field(default=default, metadata={"range": (lo, hi, unit)})


@record
class Style:
    """How one kind of text is set. Sizes in points; indents in characters."""

    font: str = "song"          # a role in [fonts]
    size: float = within(4, 96, "磅", 12.0)
    bold: bool = False
    leading: float = within(0.8, 4, "倍", 1.6)        # line height as a multiple of the size
    align: str = "justify"
    color: str = "#000000"
    space_before: float = within(0, 72, "磅", 0.0)
    space_after: float = within(0, 72, "磅", 0.0)
    first_indent: float = within(0, 8, "字", 0.0)     # 2 = the two-character indent of Chinese body text
    left_indent: float = within(0, 8, "字", 0.0)


def _s(**kw: Any) -> Style:
    return Style(**kw)


# Every style the writers use, with the house defaults. A template overrides any field.
DEFAULT_STYLES: dict[str, Style] = {
    "masthead_title": _s(font="title", size=42, bold=True, align="center", color="primary", leading=1.2),
    "masthead_tagline": _s(font="hei", size=11, align="center", color="primary", leading=1.3),
    "masthead_slogan": _s(font="kai", size=16, align="center", color="primary", leading=1.4),
    "issue_line": _s(font="song", size=12, align="center", leading=1.4),
    "cover_label": _s(font="hei", size=12, align="left", color="accent", leading=1.4),
    "cover_headline": _s(font="title", size=22, bold=True, align="center", leading=1.45),
    "colophon_role": _s(font="hei", size=10.5, align="left", leading=1.7),
    "colophon_name": _s(font="song", size=10.5, align="left", leading=1.7),
    "disclaimer": _s(font="kai", size=9.5, align="justify", leading=1.6, color="#444444"),
    "toc_heading": _s(font="title", size=22, bold=True, align="center", leading=1.4,
                      color="primary", space_after=12),
    "toc_column": _s(font="hei", size=14, align="left", color="primary", leading=1.5,
                     space_before=10, space_after=4),
    "toc_entry": _s(font="song", size=11.5, align="left", leading=1.5, left_indent=1, space_after=3),
    "column_label": _s(font="hei", size=15, align="left", color="primary", leading=1.4, space_after=10),
    "editor_note_label": _s(font="hei", size=11.5, align="left", color="accent", leading=1.5),
    "editor_note": _s(font="kai", size=11.5, align="justify", leading=1.65, first_indent=2),
    "title": _s(font="title", size=20, bold=True, align="center", leading=1.4,
                space_before=6, space_after=8),
    "doc_number": _s(font="fangsong", size=12, align="center", leading=1.5, space_after=6),
    "addressee": _s(font="fangsong", size=12, align="left", leading=1.7),
    "body": _s(font="fangsong", size=12, align="justify", leading=1.75, first_indent=2),
    "heading1": _s(font="hei", size=12.5, align="left", leading=1.75, first_indent=2,
                   space_before=4),
    "heading2": _s(font="kai", size=12, align="justify", leading=1.75, first_indent=2),
    "heading3": _s(font="fangsong", size=12, bold=True, align="justify", leading=1.75, first_indent=2),
    "heading4": _s(font="fangsong", size=12, align="justify", leading=1.75, first_indent=2),
    "subheading": _s(font="hei", size=12.5, align="center", leading=1.75, space_before=6),
    "list_item": _s(font="fangsong", size=12, align="justify", leading=1.75, left_indent=2),
    "signature": _s(font="fangsong", size=12, align="right", leading=1.75),
    "date_line": _s(font="fangsong", size=12, align="right", leading=1.75),
    "attachment": _s(font="fangsong", size=12, align="left", leading=1.75, first_indent=2),
    # the second and later attachments, aligned with the first one's number (2 + 附件：)
    "attachment_item": _s(font="fangsong", size=12, align="left", leading=1.75, left_indent=5),
    "table": _s(font="song", size=10.5, align="left", leading=1.4),
    "source": _s(font="kai", size=11, align="right", leading=1.6, space_before=6),
    "link_caption": _s(font="hei", size=9, align="center", leading=1.3, color="primary"),
    "back_title": _s(font="hei", size=15, align="center", color="primary", leading=1.4),
    "back_subtitle": _s(font="song", size=9.5, align="center", color="primary", leading=1.4,
                        space_after=8),
    "back_body": _s(font="song", size=10.5, align="justify", leading=1.7, first_indent=2),
    "header": _s(font="song", size=9, align="center", color="primary", leading=1.2),
    "footer": _s(font="song", size=10, align="center", leading=1.2),
}

DEFAULT_FONTS: dict[str, list[str]] = {
    "song": ["宋体", "SimSun", "Songti SC", "STSong", "Noto Serif SC", "Noto Serif CJK SC"],
    "hei": ["黑体", "SimHei", "Heiti SC", "STHeiti", "Noto Sans SC", "Noto Sans CJK SC"],
    "kai": ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Kaiti SC",
            "AR PL UKai CN", "LXGW WenKai", "简报楷体"],
    "fangsong": ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong",
                 "Noto Serif SC"],
    "title": ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "华文中宋", "STZhongsong",
              "Noto Serif SC"],
}

DEFAULT_COLORS = {"primary": "#1B4F8F", "accent": "#B7282E", "rule": "#1B4F8F"}


@record
class Cadence:
    """How often the publication appears, and when its 期号 starts again from 1."""

    unit: str = "week"            # day | week | month
    interval: int = within(1, 366, "", 1)      # and at most a year of its unit (see template_reader.Reader.template)
    number_restarts: str = "yearly"   # yearly | never


@record
class Page:
    """Paper size and margins."""

    size: str = "A4"
    margin_top: float = within(5, 80, "毫米", 25.0)
    margin_bottom: float = within(5, 80, "毫米", 22.0)
    margin_left: float = within(5, 80, "毫米", 24.0)
    margin_right: float = within(5, 80, "毫米", 24.0)

    @property
    def size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.size]


@record
class PdfOptions:
    """[pdf]: pdfa = true writes every PDF as PDF/A-2b (for archiving), as `bulletin build --pdfa` does;
    compress_doc_numbers = true lets the brackets of a 文号 (〔2023〕) be compressed like any other
    punctuation (by default they keep their full width)."""

    pdfa: bool = False
    compress_doc_numbers: bool = False


@record
class ColumnSpec:
    """A column the template expects, and what it asks of its articles."""

    name: str
    requires_editor_note: bool = False
    optional: bool = False


@record
class DocxOptions:
    """How the DOCX is written, beyond the styles: fonts embedded, line spacing."""

    embed_fonts: bool = True      # the Chinese faces travel in the file, subset to the characters used
    line_spacing: str = "multiple"    # multiple: lines follow the size; exact: fixed as computed


@record
class VolumeOptions:
    """The year volume (合订本, `bulletin volume`): how its contents are grouped and its pages numbered."""

    contents: str = "column"        # column: the year's articles under each column; issue: issue by issue
    numbering: str = "continuous"   # continuous: 1 … N through the volume; issue: each issue from 1 again


@record
class Publication:
    """The publication's name, masthead texts and metadata."""

    title: str
    tagline: str = ""
    slogan: str = ""
    publisher: str = ""           # PDF author / DOCX core property
    language: str = "zh-CN"


@record
class Template:
    """Everything that carries over from issue to issue (see the module's docstring)."""

    id: str
    path: Path
    publication: Publication
    columns: list[ColumnSpec]
    cadence: Cadence = field(default_factory=Cadence)
    page: Page = field(default_factory=Page)
    fonts: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_FONTS))
    styles: dict[str, Style] = field(default_factory=lambda: dict(DEFAULT_STYLES))
    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    colophon: list[ColophonEntry] = field(default_factory=list)
    disclaimer: str = ""
    back_matter: list[Profile] = field(default_factory=list)
    doc_number_issuers: dict[str, list[str]] = field(default_factory=dict)
    issuer_aliases: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    reference_docx: Path | None = None
    docx: DocxOptions = field(default_factory=DocxOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    volume: VolumeOptions = field(default_factory=VolumeOptions)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def column_spec(self, name: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.name == name), None)

    def color(self, value: str) -> str:
        """A style colour: a name from [colors] or a #RRGGBB value."""
        return self.colors.get(value, value)

    def style(self, name: str) -> Style:
        return self.styles[name]


# ---------------------------------------------------------------- locating templates

def template_search_path(start: Path | None = None) -> list[Path]:
    """Folders that may hold templates: $BULLETIN_TEMPLATES, issue_templates/ above `start`, the project's."""
    dirs: list[Path] = []
    env = os.environ.get("BULLETIN_TEMPLATES")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    if start is not None:
        for parent in [start.resolve(), *start.resolve().parents]:
            cand = parent / "issue_templates"
            if cand.is_dir():
                dirs.append(cand)
                break
    dirs.append(Path(__file__).resolve().parent.parent / "issue_templates")      # the project's (or the bundle's)
    dirs.append(Path(sys.prefix) / "share" / "bulletin-editor" / "issue_templates")  # an installed wheel's
    unique: dict[str, Path] = {}                     # each folder once, where it first comes
    for d in dirs:
        unique.setdefault(str(d.resolve()) if d.exists() else str(d), d)
    return list(unique.values())


def find_template(template_id: str, start: Path | None = None) -> Path:
    if not re.fullmatch(r"[\w.\-]+", template_id):
        raise TemplateError(f"模板名“{template_id[:40]}”不合法：只能用字母、数字、汉字、点、横线和下划线")
    if len(template_id.encode("utf-8")) > 200:
        raise TemplateError(f"模板名“{template_id[:20]}…”过长（{len(template_id.encode('utf-8'))} 字节）："
                            "模板目录名最多 200 字节")
    searched = template_search_path(start)
    for d in searched:
        candidate = d / template_id / TEMPLATE_FILE
        if os.path.lexists(candidate):      # whatever it is: reading it says why it cannot be read
            return candidate
    where = "、".join(str(d) for d in searched)
    known = sorted({p.parent.name for d in searched if d.is_dir() for p in d.glob(f"*/{TEMPLATE_FILE}")})
    import difflib   # only for this message: not imported at every start-up

    close = difflib.get_close_matches(template_id, known, n=1)
    hint = f"；是不是“{close[0]}”？" if close else (f"；已有的模板：{'、'.join(known)}" if known else "")
    raise TemplateError(f"找不到模板“{template_id}”：在 {where} 中都没有 {template_id}/{TEMPLATE_FILE}{hint}")


def load_template(template_id_or_path: str | Path, start: Path | None = None) -> Template:
    """The template named by id (searched near `start`) or by the path of its template.toml."""
    p = Path(template_id_or_path)
    try:
        is_dir = p.is_dir()
    except OSError:         # a name too long for the system, a path it refuses: find_template says why
        is_dir = False
    if p.suffix == ".toml" or is_dir:
        path = p / TEMPLATE_FILE if p.is_dir() else p
    else:
        path = find_template(str(template_id_or_path), start)
    try:
        text = read_text(path, MAX_TEMPLATE_BYTES, "模板文件")
    except ReadRefused as exc:
        raise TemplateError(f"{path}: 模板文件不存在" if exc.missing else f"{path}: 无法读取模板文件（{exc.reason}）") from None
    return parse_template(text, path)


def parse_template(text: str, path: Path) -> Template:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, msg = toml_error_location(exc, text)
        raise TemplateError(f"模板无法读取：{path}", [Problem(str(path), line, msg)]) from None
    from .template_reader import Reader

    reader = Reader(path, text)
    tpl = reader.template(data)
    if reader.problems:
        raise TemplateError(f"模板有 {len(reader.problems)} 处错误：{path}", reader.problems)
    return tpl
