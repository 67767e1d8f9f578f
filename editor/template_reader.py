"""Reading a template's TOML into the typed schema of editor.template, checking every value: its
type, its range, what fits on the page; each problem with its file, line and key."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path
from typing import Any, get_type_hints

from .errors import Problem
from .model import ColophonEntry, Profile
from .safeio import ReadRefused, check_regular
from .template import (ALIGNMENTS, DEFAULT_COLORS, DEFAULT_FONTS, DEFAULT_STYLES, MIN_LINE_CHARS,
                       MIN_TEXT_HEIGHT_MM, MIN_TEXT_WIDTH_MM, MM_PT, PAGE_SIZES_MM, SEVERITIES, Cadence,
                       ColumnSpec, DocxOptions, Page, PdfOptions, Publication, Style, Template, VolumeOptions)

_type_hints = cache(get_type_hints)   # evaluating the annotations once a class, not once a table

_TYPE_NAMES = {str: "文字（加双引号）", int: "整数", float: "数字", bool: "true 或 false"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")     # \t and \n are text; the rest is damage
MAX_TEXT = 20000         # characters of one text value (a disclaimer, a profile paragraph)
MAX_NAME = 100           # a font name, a role, a column name
MAX_MASTHEAD = 40        # characters of the publication's name set in the masthead
MAX_ITEMS = 500          # entries of one list


def _shown(v: Any) -> str:
    """A value as a message shows it: short, whatever it is."""
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "…"


class Reader:
    """Turns the TOML data into a Template, collecting every problem with its line."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def fits(self, name: str, st: Style, page: Page) -> None:
        """A style whose indents leave no room for text, or whose one line with its spacing is
        taller than half the page, would run off the page or never end: refused here."""
        if page.size not in PAGE_SIZES_MM:
            return
        width_pt = (page.size_mm[0] - page.margin_left - page.margin_right) * MM_PT
        height_pt = (page.size_mm[1] - page.margin_top - page.margin_bottom) * MM_PT
        room = width_pt / st.size - st.first_indent - st.left_indent
        if room < MIN_LINE_CHARS:
            self.fail(f"styles.{name}.left_indent" if st.left_indent >= st.first_indent else
                      f"styles.{name}.first_indent",
                      f"缩进过大：{st.size:g} 磅的字在版心一行约 {width_pt / st.size:.0f} 字，首行缩进 "
                      f"{st.first_indent:g} 字加左缩进 {st.left_indent:g} 字后不足 {MIN_LINE_CHARS} 字")
        tall = st.space_before + st.size * st.leading + st.space_after
        if tall > height_pt / 2:
            self.fail(f"styles.{name}.space_before", f"段前 {st.space_before:g} 磅、一行 "
                      f"{st.size * st.leading:.0f} 磅、段后 {st.space_after:g} 磅，合计超过版心高度的一半"
                      f"（{height_pt / 2:.0f} 磅）")

    def line_of(self, dotted: str) -> int | None:
        """Best-effort line of a dotted key: its table header (the n-th [[columns]] for
        columns[n]), then the key inside that table; the header when the key is missing."""
        parts = dotted.split(".")
        start, found = 0, False
        for depth in range(len(parts) - 1, 0, -1):
            header = ".".join(parts[:depth])
            m = re.fullmatch(r"(.+)\[(\d+)\]", header)
            name, nth = (m.group(1), int(m.group(2))) if m else (header, 1)
            pat = re.compile(r"^\s*\[\[?\s*" + re.escape(name) + r"\s*\]\]?\s*(#.*)?$")
            hits = [i for i, line in enumerate(self.lines) if pat.match(line)]
            if len(hits) >= nth:
                start, found = hits[nth - 1], True
                break
        key = re.compile(r"^\s*\"?" + re.escape(parts[-1]) + r"\"?\s*=")
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(dotted) + r"\s*\]\]?\s*$")
        any_header = re.compile(r"^\s*\[")
        for i in range(start, len(self.lines)):
            if key.match(self.lines[i]) or header.match(self.lines[i]):
                return i + 1
            if found and i > start and any_header.match(self.lines[i]):
                break          # the key is not in its table: point at the table
        return start + 1 if found else None

    def fail(self, dotted: str, message: str) -> None:
        self.problems.append(Problem(str(self.path), self.line_of(dotted), f"{dotted}：{message}"))

    def table(self, data: Any, dotted: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(dotted, "应为一个表（[节]）")
            return {}
        return data

    def value(self, data: dict[str, Any], key: str, typ: type, dotted: str, default: Any = dataclasses.MISSING):
        if key not in data:
            if default is dataclasses.MISSING:
                self.fail(dotted, "缺少这一项")
                return typ() if typ in (str, int, float, bool) else None
            return default
        v = data[key]
        if typ is float and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            self.fail(dotted, f"应为{_TYPE_NAMES.get(typ, typ.__name__)}，实际是 {_shown(v)}")
            return default if default is not dataclasses.MISSING else typ()
        if typ is str:
            v = self.text(v, dotted)
        return v

    def text(self, v: str, dotted: str, limit: int = MAX_TEXT) -> str:
        """A string value without control characters (a NUL in a font name …) and of sane length."""
        bad = _CONTROL.search(v)
        if bad:
            self.fail(dotted, f"含有不允许的控制字符（U+{ord(bad.group()):04X}，第 {bad.start() + 1} 个字符）")
            return _CONTROL.sub("", v)
        if len(v) > limit:
            self.fail(dotted, f"过长（{len(v)} 个字符，最多 {limit} 个）")
            return v[:limit]
        return v

    def dataclass_(self, cls: type, data: Any, dotted: str, extra: dict[str, Any] | None = None):
        data = self.table(data, dotted)
        hints = _type_hints(cls)
        kwargs: dict[str, Any] = dict(extra or {})
        known = {f.name for f in dataclasses.fields(cls)}
        for key in data:
            if key not in known or key in (extra or {}):
                self.fail(f"{dotted}.{key}", "未知的设置项（拼写是否有误？）")
        for f in dataclasses.fields(cls):
            if f.name in kwargs:
                continue
            typ = hints[f.name]
            base = typ if typ in (str, int, float, bool) else None
            if base is None:
                continue
            default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
            v = self.value(data, f.name, base, f"{dotted}.{f.name}", default)
            bounds = f.metadata.get("range")
            if bounds is not None and f.name in data and isinstance(v, (int, float)):
                v = self.in_range(v, bounds, f"{dotted}.{f.name}", default)
            kwargs[f.name] = v
        return cls(**kwargs)

    def in_range(self, v: float, bounds: tuple[float, float, str], dotted: str, default: Any) -> Any:
        """`v` if lo ≤ v ≤ hi (which NaN and the infinities never are), else `default` and a problem."""
        lo, hi, unit = bounds
        if lo <= v <= hi:
            return v
        shown = {"nan": "NaN", "inf": "无穷大", "-inf": "负无穷大"}.get(str(v), f"{v:g}")
        self.fail(dotted, f"应在 {lo:g} 到 {hi:g}{' ' + unit if unit else ''} 之间，实际是 {shown}")
        return default

    def str_list(self, v: Any, dotted: str, limit: int = MAX_TEXT) -> list[str]:
        if isinstance(v, str):
            return [self.text(v, dotted, limit)]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.fail(dotted, "应为文字或文字数组，例如 [\"宋体\", \"Noto Serif SC\"]")
            return []
        if len(v) > MAX_ITEMS:
            self.fail(dotted, f"项数过多（{len(v)} 项，最多 {MAX_ITEMS} 项）")
            v = v[:MAX_ITEMS]
        return [self.text(x, dotted, limit) for x in v]

    def template(self, data: dict[str, Any]) -> Template:
        allowed = {"schema", "id", "publication", "columns", "cadence", "page", "fonts", "styles",
                   "colors", "colophon", "disclaimer", "back_matter", "doc_number_issuers",
                   "issuer_aliases", "rules", "reference_docx", "docx", "pdf", "volume"}
        for key in data:
            if key not in allowed:
                self.fail(key, "未知的设置项（拼写是否有误？）")
        schema = data.get("schema", 1)
        if schema != 1:
            self.fail("schema", f"不支持的模板格式版本 {_shown(schema)}（本程序支持 1）")
        tid = self.value(data, "id", str, "id", self.path.parent.name)
        pub = self.dataclass_(Publication, data.get("publication", {}), "publication") \
            if "publication" in data else None
        if pub is None:
            self.fail("publication", "缺少 [publication]（刊名、口号等）")
            pub = Publication(title="")
        elif not pub.title.strip():
            self.fail("publication.title", "刊名不能为空")
        elif len(pub.title) > MAX_MASTHEAD:
            self.fail("publication.title", f"刊名过长（{len(pub.title)} 个字符，刊头最多排 {MAX_MASTHEAD} 个）")
        cadence = self.dataclass_(Cadence, data.get("cadence", {}), "cadence")
        if cadence.unit not in ("day", "week", "month"):
            self.fail("cadence.unit", f"应为 day、week 或 month，实际是 {cadence.unit!r}")
        most = {"day": 366, "week": 53, "month": 24}.get(cadence.unit, 366)
        if cadence.interval > most:
            self.fail("cadence.interval", f"以 {cadence.unit} 为单位时应在 1 到 {most} 之间（最长约一年一期），"
                                          f"实际是 {cadence.interval}")
            cadence = dataclasses.replace(cadence, interval=1)
        if cadence.number_restarts not in ("yearly", "never"):
            self.fail("cadence.number_restarts", "应为 yearly（期号每年从 1 开始）或 never")
        page = self.dataclass_(Page, data.get("page", {}), "page")
        pdf = self.dataclass_(PdfOptions, data.get("pdf", {}), "pdf")
        if page.size not in PAGE_SIZES_MM:
            self.fail("page.size", f"不支持的纸张“{page.size}”，可用：{'、'.join(PAGE_SIZES_MM)}")
        else:
            paper_w, paper_h = page.size_mm
            text_w = paper_w - page.margin_left - page.margin_right
            text_h = paper_h - page.margin_top - page.margin_bottom
            if text_w < MIN_TEXT_WIDTH_MM:
                self.fail("page.margin_left", f"{page.size} 纸宽 {paper_w:g} 毫米，左右页边距共 "
                          f"{page.margin_left + page.margin_right:g} 毫米，版心只剩 {text_w:g} 毫米"
                          f"（至少要 {MIN_TEXT_WIDTH_MM} 毫米）")
                page = dataclasses.replace(page, margin_left=Page.margin_left, margin_right=Page.margin_right)
            if text_h < MIN_TEXT_HEIGHT_MM:
                self.fail("page.margin_top", f"{page.size} 纸高 {paper_h:g} 毫米，上下页边距共 "
                          f"{page.margin_top + page.margin_bottom:g} 毫米，版心只剩 {text_h:g} 毫米"
                          f"（至少要 {MIN_TEXT_HEIGHT_MM} 毫米）")
                page = dataclasses.replace(page, margin_top=Page.margin_top, margin_bottom=Page.margin_bottom)

        columns: list[ColumnSpec] = []
        raw_cols = data.get("columns")
        if not isinstance(raw_cols, list) or not raw_cols:
            self.fail("columns", "至少要有一个栏目：[[columns]] name = \"国策要论\"")
        else:
            for i, c in enumerate(raw_cols):
                spec = self.dataclass_(ColumnSpec, c, f"columns[{i + 1}]") if isinstance(c, dict) else None
                if spec is None:
                    self.fail("columns", "每个栏目应为 [[columns]] 表")
                    continue
                if not spec.name.strip():
                    self.fail(f"columns[{i + 1}].name", "栏目名不能为空")
                if any(s.name == spec.name for s in columns):
                    self.fail(f"columns[{i + 1}].name", f"栏目“{spec.name}”重复")
                columns.append(spec)

        fonts = dict(DEFAULT_FONTS)
        for role, v in self.table(data.get("fonts", {}), "fonts").items():
            fonts[role] = self.str_list(v, f"fonts.{role}", MAX_NAME)
            if not fonts[role] or not all(name.strip() for name in fonts[role]):
                self.fail(f"fonts.{role}", "字体列表不能为空，字体名也不能为空")

        colors = dict(DEFAULT_COLORS)
        for name, v in self.table(data.get("colors", {}), "colors").items():
            if not isinstance(v, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
                self.fail(f"colors.{name}", f"颜色应写成 #RRGGBB，实际是 {_shown(v)}")
            else:
                colors[name] = v

        styles = {k: dataclasses.replace(v) for k, v in DEFAULT_STYLES.items()}
        for name, v in self.table(data.get("styles", {}), "styles").items():
            if name not in styles:
                self.fail(f"styles.{name}", f"没有这种样式；可用：{'、'.join(DEFAULT_STYLES)}")
                continue
            merged = {**dataclasses.asdict(styles[name]), **self.table(v, f"styles.{name}")}
            styles[name] = self.dataclass_(Style, merged, f"styles.{name}")
        for name, st in styles.items():
            if st.font not in fonts:
                self.fail(f"styles.{name}.font", f"字体角色“{st.font}”未在 [fonts] 中定义")
            if st.align not in ALIGNMENTS:
                self.fail(f"styles.{name}.align", f"应为 {'、'.join(ALIGNMENTS)} 之一")
            self.fits(name, st, page)
            if st.color not in colors and not re.fullmatch(r"#[0-9A-Fa-f]{6}", st.color):
                self.fail(f"styles.{name}.color", f"颜色“{st.color}”既不是 #RRGGBB 也不在 [colors] 中")

        colophon = []
        for i, e in enumerate(data.get("colophon", []) or []):
            e = self.table(e, f"colophon[{i + 1}]")
            for key in e:
                if key not in ("role", "names"):
                    self.fail(f"colophon[{i + 1}].{key}", "未知的设置项（只有 role 和 names）")
            role = self.value(e, "role", str, f"colophon[{i + 1}].role")
            names = self.str_list(e.get("names", []), f"colophon[{i + 1}].names")
            colophon.append(ColophonEntry(role, names))

        back = []
        for i, p in enumerate(data.get("back_matter", []) or []):
            p = self.table(p, f"back_matter[{i + 1}]")
            for key in p:
                if key not in ("name", "english_name", "paragraphs", "logo"):
                    self.fail(f"back_matter[{i + 1}].{key}", "未知的设置项")
            back.append(Profile(
                name=self.value(p, "name", str, f"back_matter[{i + 1}].name")[:MAX_NAME],
                english_name=self.value(p, "english_name", str, f"back_matter[{i + 1}].english_name", ""),
                paragraphs=self.str_list(p.get("paragraphs", []), f"back_matter[{i + 1}].paragraphs"),
                logo=self.value(p, "logo", str, f"back_matter[{i + 1}].logo", "")))

        issuers = {k: self.str_list(v, f"doc_number_issuers.{k}")
                   for k, v in self.table(data.get("doc_number_issuers", {}), "doc_number_issuers").items()}
        aliases = {k: self.str_list(v, f"issuer_aliases.{k}")
                   for k, v in self.table(data.get("issuer_aliases", {}), "issuer_aliases").items()}
        rules = {}
        for rid, sev in self.table(data.get("rules", {}), "rules").items():
            if sev not in SEVERITIES:
                self.fail(f"rules.{rid}", f"应为 {'、'.join(SEVERITIES)} 之一，实际是 {_shown(sev)}")
            else:
                rules[rid] = sev
        ref = data.get("reference_docx")
        ref_path = None
        if ref is not None:
            if not isinstance(ref, str):
                self.fail("reference_docx", "应为 .docx 文件的路径（相对于模板目录）")
            else:
                ref_path = (self.path.parent / ref)
                try:
                    check_regular(ref_path)
                except ReadRefused as exc:
                    self.fail("reference_docx", f"参考文档“{ref}”不存在" if exc.missing else
                              f"参考文档“{ref}”无法读取（{exc.reason}）")
        docx = self.dataclass_(DocxOptions, data.get("docx", {}), "docx")
        if docx.line_spacing not in ("multiple", "exact"):
            self.fail("docx.line_spacing", "应为 multiple（行距随字号）或 exact（固定值）")
        volume = self.dataclass_(VolumeOptions, data.get("volume", {}), "volume")
        if volume.contents not in ("column", "issue"):
            self.fail("volume.contents", "应为 column（年度总目录按栏目）或 issue（按期）")
        if volume.numbering not in ("continuous", "issue"):
            self.fail("volume.numbering", "应为 continuous（全卷连续编页）或 issue（每期从 1 起）")
        disclaimer = self.value(data, "disclaimer", str, "disclaimer", "")
        return Template(id=tid, path=self.path, publication=pub, columns=columns, cadence=cadence,
                        page=page, fonts=fonts, styles=styles, colors=colors, colophon=colophon,
                        disclaimer=disclaimer, back_matter=back, doc_number_issuers=issuers,
                        issuer_aliases=aliases, rules=rules, reference_docx=ref_path, docx=docx,
                        pdf=pdf, volume=volume)
