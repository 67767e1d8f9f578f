"""The PDF writer's toolbox: fonts per role, measuring, colours and the template's styles.

One `Kit` serves a whole export (both passes). Fonts come from editor.fonts: each
role's candidates are resolved once, and every distinct face is registered with
reportlab as a subset holding the characters of this issue.
"""

from __future__ import annotations

from typing import Callable, Iterable

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..compose import Run
from ..errors import BulletinError, ExportError
from ..template import Style, Template
from .pdf_linebreak import Para, Piece

# Characters the writer sets itself, beyond the issue's text.
FIXED_TEXT = ("0123456789—·…．.:-–/() 　，。、：；（）《》“”"
              "■□●本期要目闻编者按扫描二维码阅读全文第期总页续封面底机构简介声明")


class _WidthTable(dict):
    def __init__(self, font: str):
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        w = self[ch] = stringWidth(ch, self.font, 1.0)
        return w


class LineRecord:
    """One set line, kept for tests and checks: its style, text and physical page."""

    __slots__ = ("style", "text", "page")

    def __init__(self, style: str, text: str, page: int):
        self.style, self.text, self.page = style, text, page

    def __repr__(self) -> str:
        return f"LineRecord({self.style!r}, {self.text!r}, page={self.page})"


class Kit:
    """Fonts (role → registered reportlab font name), styles, colours and measuring for one export."""

    def __init__(self, template: Template, fonts: dict[str, str], warnings: list[str] | None = None):
        self.template = template
        self.fonts = fonts
        self.warnings: list[str] = list(warnings or [])
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
            c = self._colors[value] = HexColor(self.template.color(value))
        return c

    def measure(self, font: str, text: str, size: float) -> float:
        key = (font, text)
        w = self._widths.get(key)
        if w is None:
            w = self._widths[key] = stringWidth(text, font, 1.0)
        return w * size

    def widths(self, font: str) -> dict[str, float]:
        """Character advances of `font` at size 1; a character not met before is measured once."""
        table = self._tables.get(font)
        if table is None:
            table = self._tables[font] = _WidthTable(font)
        return table

    def cid(self, font: str):
        """The CID-keyed embedding of a registered font (see pdf_cidfont)."""
        f = self._cid.get(font)
        if f is None:
            from .pdf_cidfont import CIDFont

            f = self._cid[font] = CIDFont(font)
        return f

    def prepare(self, pieces) -> Para:
        return Para(pieces, self.widths)

    def piece(self, text: str, style_name: str, link: str | None = None) -> Piece:
        st = self.style(style_name)
        return Piece(text, self.font(st.font), st.size, st.bold, st.color, link)

    def pieces(self, runs: Iterable[Run], style_name: str) -> list[Piece]:
        """Runs of a composed paragraph; a run with a style of its own takes that style's look."""
        out = []
        base = self.style(style_name)
        base_font = self.font(base.font)
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
            # a run-in lead keeps the paragraph's size so the line stays even
            out.append(Piece(run.text, font, base.size, bold, st.color))
        return out

    def record(self, style: str, text: str, page: int) -> None:
        if self.record_lines:
            self.records.append(LineRecord(style, text, page))


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


def load_fonts(template: Template, text: str, progress: Callable[[float, str], None] | None = None
               ) -> tuple[dict[str, str], list[str]]:
    """role → reportlab font name for every role the styles use, plus Chinese warnings."""
    from .. import fonts as fontlib

    chars = "".join(sorted(set(text) - {"\n", "\r", "\t"}))
    roles = sorted({st.font for st in template.styles.values()})
    resolver = fontlib.default_resolver()
    warnings: list[str] = []
    resolved = {}
    for role in roles:
        try:
            r = resolver.resolve(template.fonts[role])
        except BulletinError:
            raise
        except Exception as exc:  # a broken font file must not surface as a traceback
            raise ExportError(f"无法加载字体角色“{role}”（{'、'.join(template.fonts[role])}）：{exc}") from None
        resolved[role] = r
        if r.warning and r.warning not in warnings:
            warnings.append(r.warning)
    names: dict[str, str] = {}
    by_face: dict[tuple[str, int], str] = {}
    faces = {(str(r.path), r.index) for r in resolved.values()}
    for n, role in enumerate(roles):
        r = resolved[role]
        key = (str(r.path), r.index)
        if key not in by_face:
            if progress:
                progress(0.05 + 0.15 * len(by_face) / max(1, len(faces)), f"准备字体 {r.family}")
            try:
                by_face[key] = fontlib.reportlab_font(r, chars)
            except BulletinError:
                raise
            except Exception as exc:
                raise ExportError(f"字体“{r.family}”（{r.path}）无法用于 PDF：{exc}") from None
            missing = _missing(r, chars)
            if missing:
                sample = "".join(missing[:12]) + ("……" if len(missing) > 12 else "")
                warnings.append(f"字体“{r.family}”缺少 {len(missing)} 个字：{sample}")
        names[role] = by_face[key]
    return names, warnings


def _missing(resolved, chars: str) -> list[str]:
    covers = getattr(resolved, "covers", None)
    if covers is None:
        return []
    try:
        result = covers(chars)
    except Exception:
        return []
    if result is True or result is None:
        return []
    if result is False:
        return [c for c in chars if not covers(c)] if len(chars) < 5000 else ["?"]
    if isinstance(result, (set, frozenset, list, tuple, str)):
        return sorted(result)
    return []
