"""The DOCX's named styles, made once from the template's styles and fonts.

Every template style becomes one Word paragraph style with a Chinese name
(简报正文、一级标题、编者按 …), so restyling the document in Word or WPS is changing
one style. Run-in numbering leads get character styles. The contents levels use
Word's own "toc 1"/"toc 2" and the running header and footer its "header" and
"footer", so a TOC update or a new header keeps the look. A style that a
reference .docx already defines (by name) is left as the reference has it.

Styles inherit as a Word user would set them up: Normal carries the body face and
size, 简报正文 is based on it, the headings, list items, closing lines and sources of
an article on 简报正文, and each style states only what differs from the one it is
based on; the lead phrases' character styles state their face and weight, never a
size, so they take their paragraph's. Changing Normal or 简报正文 in Word therefore
changes everything that agrees with it. Line spacing is a multiple of the face's own
line (so it follows a new size) unless the template's [docx] line_spacing = "exact".

What each style looks like is worked out here as RunProps/ParaProps; `_write` writes
them through python-docx's style API, and through oxml what that API lacks
(East Asian fonts, language, indents in characters, borders, shading …).

define() decides every style first (`_put`: what it sets, what it is based on), then writes
them all. Writing the 55 styles through the style API costs about 25 ms, reading the part they
make back about 1 ms: so the part is kept in the cache (cache.py), keyed by the styles the
document starts with (base.docx or the reference document's) and every decision, and a later
build with the same template, fonts and code reads it instead. The character styles of run-in
leads that the text asks for later (lead()) are written as before, on top.
"""

from __future__ import annotations


import dataclasses

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import StyleFactory

from ...records import record
from ...template import Style, Template
from . import oxml as ox
from .looks import decorate, decorate_extra
from .oxml import Border, hex_color

# template style → (styleId, name shown in Word). Ids are ASCII; names are what editors see.
STYLE_NAMES: dict[str, tuple[str, str]] = {
    "masthead_title": ("BMastheadTitle", "刊名"),
    "masthead_tagline": ("BMastheadTagline", "刊头口号"),
    "masthead_slogan": ("BMastheadSlogan", "刊头标语"),
    "issue_line": ("BIssueLine", "期号行"),
    "cover_label": ("BCoverLabel", "封面栏签"),
    "cover_headline": ("BCoverHeadline", "封面要闻"),
    "colophon_role": ("BColophonRole", "编委职务"),
    "colophon_name": ("BColophonName", "编委名单"),
    "disclaimer": ("BDisclaimer", "声明"),
    "toc_heading": ("BTocHeading", "目录标题"),
    "toc_column": ("TOC1", "toc 1"),
    "toc_entry": ("TOC2", "toc 2"),
    "column_label": ("BColumnLabel", "栏目"),
    "editor_note_label": ("BEditorNoteLabel", "编者按标签"),
    "editor_note": ("BEditorNote", "编者按"),
    "title": ("BTitle", "文章标题"),
    "doc_number": ("BDocNumber", "文号"),
    "addressee": ("BAddressee", "主送机关"),
    "body": ("BBody", "简报正文"),
    "heading1": ("BHeading1", "一级标题"),
    "heading2": ("BHeading2", "二级标题"),
    "heading3": ("BHeading3", "三级标题"),
    "heading4": ("BHeading4", "四级标题"),
    "subheading": ("BSubheading", "小标题"),
    "list_item": ("BListItem", "列表项"),
    "signature": ("BSignature", "署名"),
    "date_line": ("BDateLine", "成文日期"),
    "attachment": ("BAttachment", "附件说明"),
    "attachment_item": ("BAttachmentItem", "附件说明续项"),
    "table": ("BTable", "表格文字"),
    "source": ("BSource", "来源"),
    "link_caption": ("BLinkCaption", "图片与二维码说明"),
    "back_title": ("BBackTitle", "机构名称"),
    "back_subtitle": ("BBackSubtitle", "机构英文名"),
    "back_body": ("BBackBody", "机构简介"),
    "header": ("Header", "header"),
    "footer": ("Footer", "footer"),
}
# the style each is based on in Word, where not Normal: the article's text on 简报正文, the label
# of the editors' note on the note (they share its panel)
BASED_ON = {**{k: "body" for k in ("heading1", "heading2", "heading3", "heading4", "subheading", "list_item",
                                   "signature", "date_line", "attachment", "attachment_item", "addressee",
                                   "doc_number", "source")},
            "editor_note_label": "editor_note", "table_header": "table", "picture": "link_caption",
            "cover_guide": "toc_entry", "cover_issue_line": "issue_line", "toc_subtitle": "toc_heading",
            "colophon_title": "toc_heading"}
# styles of the writer's own, each derived from a template style
EXTRA = {
    "table_header": ("BTableHeader", "表格标题行", "table"),
    "picture": ("BPicture", "图片", "link_caption"),
    "cover_publisher": ("BCoverPublisher", "封面主办单位", "masthead_tagline"),
    "back_band": ("BBackBand", "封底刊头", "header"),
    "cover_guide": ("BCoverGuide", "封面导读", "toc_entry"),
    "cover_issue_line": ("BCoverIssueLine", "封面期号行", "issue_line"),
    "toc_subtitle": ("BTocSubtitle", "目录副题", "toc_heading"),
    "toc_note": ("BTocNote", "目录注", "source"),
    "colophon_title": ("BColophonTitle", "编委页刊名", "toc_heading"),
    "back_rule": ("BBackRule", "机构分隔线", "back_body"),
}
GUIDE_COLUMN = ("BCoverGuideColumn", "封面导读栏目")     # character style of the column names there
TOC_NUMBER = ("BTocNumber", "目录页码")                  # character styles of the contents' numbers
TOC_LEADER = ("BTocLeader", "目录前导")                  # and of the tab before them (its leader's colour)
GUIDE_INDENT = 6                                          # ems: the column-name gutter of the guide
BUILTIN = {"TOC1", "TOC2", "Header", "Footer"}
BUILTIN_NAMES = ("Normal", "toc 1", "toc 2", "header", "footer")
TOC_LEVELS = ("column_label", "title")        # the contents field collects these two styles
LATIN_FONT = {"hei": "Arial"}                 # others: a serif, like the Chinese faces they go with
DEFAULT_LATIN = "Times New Roman"


@record
class RunProps:
    """What a style does to its characters."""

    latin: str = ""
    east_asia: str = ""
    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    spacing: float = 0.0          # extra space between characters, points
    lang: str = "zh-CN"


@record
class ParaProps:
    """What a paragraph style does to its paragraphs."""

    align: str | None = None            # left/center/right/justify/distribute
    line: tuple[str, float] | None = None   # ("multiple", × the face's line) or ("exact", points); None: single
    before: float = 0.0
    after: float = 0.0
    first_chars: float = 0.0            # first-line indent in characters (2 = 两字)
    left_chars: float = 0.0
    size: float = 12.0                  # for the twips fallback of character indents
    left: float = 0.0                   # extra left/right indent, points
    right: float = 0.0
    hanging: float = 0.0                # hanging indent, points (replaces the first-line indent)
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    outline: int | None = None          # 0-based outline level
    borders: tuple[Border, ...] = ()
    shade: str | None = None            # fill colour
    tabs: tuple[tuple[str, float, str], ...] = ()   # (alignment, position pt, leader)


ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
         "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE}
TAB_ALIGN = {"left": WD_TAB_ALIGNMENT.LEFT, "right": WD_TAB_ALIGNMENT.RIGHT, "center": WD_TAB_ALIGNMENT.CENTER}
TAB_LEADER = {"none": WD_TAB_LEADER.SPACES, "dot": WD_TAB_LEADER.DOTS, "middleDot": WD_TAB_LEADER.MIDDLE_DOT}


BASE_NAMES = {"Normal": "Normal", "DefaultParagraphFont": "Default Paragraph Font"}
BLACK = ("#000000", "000000")


def _same_fonts(a: RunProps, b: RunProps) -> bool:
    return (a.latin, a.east_asia) == (b.latin, b.east_asia)


def apply_run(style, rpr: RunProps, base: RunProps | None = None) -> None:
    """Write `rpr` into a style — what differs from `base` (the effective properties of the style it
    is based on; None: everything): size, bold and colour through python-docx, faces and language as
    East Asian WordprocessingML."""
    # the raw elements first: python-docx then finds the place of each of its own sooner
    r = style.element.get_or_add_rPr()
    fonts = (rpr.latin or rpr.east_asia) and (base is None or not _same_fonts(rpr, base))
    if fonts:
        ox.east_asian_fonts(r, rpr.latin or rpr.east_asia, rpr.east_asia or rpr.latin)
    bold = rpr.bold is not None and (base is None or bool(rpr.bold) != bool(base.bold))
    size = rpr.size and (base is None or rpr.size != base.size)
    color = rpr.color and (base is None or _color(rpr.color) != _color(base.color))
    if bold:
        ox.complex_script_bold(r, rpr.bold)
    if rpr.spacing or (base is not None and base.spacing):
        if base is None or rpr.spacing != base.spacing:
            ox.letter_spacing(r, rpr.spacing)
    if size:
        ox.complex_script_size(r, rpr.size)
    if rpr.lang and (base is None or rpr.lang != base.lang):
        ox.language(r, rpr.lang)
    font = style.font
    if size:
        font.size = Pt(rpr.size)
    if bold:
        font.bold = rpr.bold
    if color:
        font.color.rgb = RGBColor.from_string(hex_color(rpr.color))
    if not len(r):
        style.element.remove(r)


def _color(value: str | None) -> str | None:
    return None if value is None or value in BLACK else hex_color(value)


def _indent(ppr: ParaProps) -> tuple:
    # the twips written beside character indents depend on the size: compared only where they matter
    chars = ppr.first_chars or ppr.left_chars
    return (ppr.first_chars, ppr.left_chars, ppr.left, ppr.right, ppr.hanging, ppr.size if chars else None)


def apply_paragraph(style, ppr: ParaProps, base: ParaProps | None = None) -> None:
    """Write `ppr` into a paragraph style — what differs from `base` (None: everything): alignment,
    spacing, keeps and tabs through python-docx, character indents, borders, shading, CJK line
    breaking and outline level as WordprocessingML."""
    p = style.element.get_or_add_pPr()
    if ppr.borders != (base.borders if base else ()):
        ox.borders(p, ppr.borders or tuple(Border(side, "nil") for side in ("top", "left", "bottom", "right")))
    if ppr.shade != (base.shade if base else None):
        ox.shading(p, ppr.shade or "auto")
    if base is None:
        ox.cjk_line_breaking(p)
    if base is None or _indent(ppr) != _indent(base):
        ox.indents(p, size=ppr.size, first_chars=ppr.first_chars, left_chars=ppr.left_chars, left=ppr.left,
                   right=ppr.right, hanging=ppr.hanging)
    if ppr.outline != (base.outline if base else None):
        ox.outline_level(p, 9 if ppr.outline is None else ppr.outline)
    pf = style.paragraph_format
    if ppr.align and (base is None or ppr.align != base.align):
        pf.alignment = ALIGN[ppr.align]
    if base is None or ppr.before != base.before:
        pf.space_before = Pt(ppr.before)
    if base is None or ppr.after != base.after:
        pf.space_after = Pt(ppr.after)
    if base is None or ppr.line != base.line:
        if ppr.line is None:
            pf.line_spacing = 1.0
        elif ppr.line[0] == "exact":
            pf.line_spacing = Pt(ppr.line[1])
        else:
            pf.line_spacing = ppr.line[1]
    for attr, flag in (("keep_with_next", "keep_next"), ("keep_together", "keep_lines"),
                       ("page_break_before", "page_break_before")):
        on, was = getattr(ppr, flag), bool(base and getattr(base, flag))
        if on != was:
            setattr(pf, attr, on)
    for align, pos, leader in ppr.tabs:
        if not base or (align, pos, leader) not in base.tabs:
            pf.tab_stops.add_tab_stop(Pt(pos), TAB_ALIGN[align], TAB_LEADER[leader])
    if not len(p):
        style.element.remove(p)


def own_names() -> set[str]:
    """The names of the styles that are ours alone (Chinese), as a reference made from an export has them."""
    names = {n for sid, n in STYLE_NAMES.values() if sid not in BUILTIN}
    names |= {n for _, n, _ in EXTRA.values()} | {GUIDE_COLUMN[1]}
    return names | {STYLE_NAMES[k][1] + "（段首）" for k in ("heading1", "heading2", "heading3", "heading4")}


def lead_style_id(style: str) -> str:
    """The character style of a run-in lead set like paragraph style `style`."""
    return STYLE_NAMES.get(style, (f"B{style}", style))[0] + "Lead"


class StyleSheet:
    """Defines the styles in `document` (a python-docx Document) and answers their ids.

    With a reference document, a style it defines by name is used as it is, under its own id.
    `fonts` (a fonts.FontPlan) gives each face's natural line, which line multiples scale.
    """

    def __init__(self, template: Template, text_width: float, document, reference: bool = False, fonts=None):
        self.template = template
        self.text_width = text_width
        self.document = document
        self.fonts = fonts
        self.styles = document.styles
        self.reference = reference
        self.cache: dict[str, object] = {}       # style name → python-docx style, looked up once
        self.existing: dict[str, str] = {}       # a reference's style names → their ids
        self.present: set[str] = set()           # names of the styles the document starts with
        self.present_ids: set[str] = set()
        for el in self.styles.element.style_lst:
            self.present_ids.add(el.styleId)
            if el.name_val:
                self.present.add(el.name_val)
                if reference:
                    self.existing[el.name_val] = el.styleId
        if reference and not any(name in self.existing for name in own_names()):
            # a generic template (Word's, WPS's, python-docx's): its Normal, header, footer and toc
            # styles are the stock ones, not a choice made for this publication; ours replace them
            for name in BUILTIN_NAMES:
                self.existing.pop(name, None)
        self.restated = reference             # a reference's stock built-in styles: emptied before ours go in
        self.follow: list[tuple[str, str]] = []      # (style name, name of the style after it), set in finish
        self.ops: list[tuple] | None = None       # while define() runs: the styles decided, to be written
        self.ids: dict[str, str] = {}        # our id → the id in the document (a reference's own)
        self.kept: list[str] = []
        self.defined: set[str] = set()
        # our id → the properties its paragraphs and runs end up with (what styles based on it inherit);
        # absent for a reference's style, whose properties are its own business
        self.effective: dict[str, tuple[ParaProps | None, RunProps | None]] = {}
        self.masthead_size = template.styles["masthead_title"].size     # as set: smaller on small paper

    # ------------------------------------------------------------ reading the template

    def font_names(self, role: str) -> tuple[str, str]:
        """(Latin, East Asian) family names of a font role: the template's first candidate."""
        candidates = self.template.fonts.get(role) or ["宋体"]
        return LATIN_FONT.get(role, DEFAULT_LATIN), candidates[0]

    def color(self, value: str) -> str:
        return self.template.color(value)

    def run_props(self, st: Style, color: str | None = None, spacing: float = 0.0) -> RunProps:
        latin, ea = self.font_names(st.font)
        return RunProps(latin=latin, east_asia=ea, size=st.size, bold=st.bold,
                        color=color or self.color(st.color), spacing=spacing)

    def line(self, st: Style, size: float | None = None, leading: float | None = None) -> tuple[str, float]:
        """The line spacing of `st` (at `size`, with `leading` × size from baseline to baseline): a
        multiple of its face's natural line, which Word and LibreOffice scale with the size, or, where
        the template asks for it, an exact height in points."""
        size = size or st.size
        leading = leading or st.leading
        if self.template.docx.line_spacing == "exact" or self.fonts is None:
            return ("exact", round(size * leading, 2))
        natural = self.fonts.line_height(self.font_names(st.font)[1])
        return ("multiple", round(leading / natural * 240) / 240)

    def para_props(self, st: Style, **over) -> ParaProps:
        props = ParaProps(align=st.align, line=self.line(st), before=st.space_before,
                          after=st.space_after, first_chars=st.first_indent, left_chars=st.left_indent,
                          size=st.size)
        for k, v in over.items():
            setattr(props, k, v)
        return props

    def _as_body(self, st: Style) -> bool:
        """Whether `st`'s face is, on this machine, the one that sets the body (楷体 not installed,
        its fallback the body's): a heading then shows by its weight, as the PDF sets it."""
        if self.fonts is None:
            return False
        mine = self.fonts.resolved(self.font_names(st.font)[1])
        text = self.fonts.resolved(self.font_names(self.template.styles["body"].font)[1])
        return mine is not None and text is not None and (mine.path, mine.index) == (text.path, text.index)

    def stands_in_for_hei(self, st: Style) -> bool:
        """Whether `st` is a 黑体 style set, on this machine, in the packaged Noto Sans SC, a Regular
        lighter than 黑体: the PDF sets it a little heavier, the DOCX bold."""
        if self.fonts is None or st.font != "hei":
            return False
        r = self.fonts.resolved(self.font_names(st.font)[1])
        return r is not None and r.packaged and bool(r.warning) and r.family == "Noto Sans SC"

    def _base(self, key: str) -> str:
        """The style id `key`'s style is based on (Normal unless BASED_ON says otherwise)."""
        base = BASED_ON.get(key)
        if base is None:
            return "Normal"
        return STYLE_NAMES[base][0] if base in STYLE_NAMES else EXTRA[base][0]

    def _run_part(self, rpr: RunProps, paragraph_sid: str) -> RunProps:
        """A character style's properties for runs in paragraphs of style `paragraph_sid`: no size (they
        take their paragraph's), and no face, weight or colour the paragraph already has."""
        para = self.effective.get(paragraph_sid, (None, None))[1]
        out = RunProps(latin="", east_asia="", size=None, bold=None, color=None, spacing=0.0, lang="")
        if para is None or not _same_fonts(rpr, para):
            out.latin, out.east_asia = rpr.latin, rpr.east_asia
        if para is None or bool(rpr.bold) != bool(para.bold):
            out.bold = rpr.bold
        if para is None or _color(rpr.color) != _color(para.color):
            out.color = rpr.color
        return out

    # ------------------------------------------------------------ defining

    def define(self) -> None:
        """Decide every style of the template (what each sets, what it is based on), then write them."""
        self.ops = []
        self._decide()
        self._written()

    def _decide(self) -> None:
        tpl = self.template
        body = tpl.styles["body"]
        latin, ea = self.font_names(body.font)
        if not self.reference:
            self.ops.append(("defaults", latin, ea, body.size, "zh-CN"))
        else:
            self.ops.append(("language", "zh-CN"))
        # Normal: the body's face, size and line; what every style not based on another starts from
        self._put("Normal", "Normal", "paragraph", ParaProps(align="justify", size=body.size,
                                                             line=self.line(body, body.size)),
                  RunProps(latin=latin, east_asia=ea, size=body.size, lang="zh-CN"), based_on=None, custom=False)
        # a style's base first: its properties are what the style inherits
        for key in sorted(STYLE_NAMES, key=lambda k: k in BASED_ON):
            sid, name = STYLE_NAMES[key]
            st = tpl.styles[key]
            ppr, rpr = self.para_props(st), self.run_props(st)
            decorate(self, key, st, ppr, rpr)
            builtin = sid in BUILTIN
            self._put(sid, name, "paragraph", ppr, rpr, custom=not builtin, based_on=self._base(key),
                      next_name=STYLE_NAMES["body"][1] if key in ("title", "heading1", "heading2") else None,
                      priority=39 if sid.startswith("TOC") else None)
        for key in sorted(EXTRA, key=lambda k: EXTRA[k][2] in EXTRA):
            sid, name, base = EXTRA[key]
            st = tpl.styles[base]
            ppr, rpr = self.para_props(st), self.run_props(st)
            decorate_extra(self, key, st, ppr, rpr)
            self._put(sid, name, "paragraph", ppr, rpr, based_on=self._base(key))
        for level in ("heading1", "heading2", "heading3", "heading4"):
            self.lead(level)
        # the column names of the cover's guide: their face and colour, at their paragraph's size
        rpr = self.run_props(tpl.styles["toc_column"])
        self._put(GUIDE_COLUMN[0], GUIDE_COLUMN[1], "character", None, self._run_part(rpr, EXTRA["cover_guide"][0]),
                  based_on="DefaultParagraphFont")
        # the contents' numbers in the house colour, bold, and their leaders in grey
        entry = tpl.styles["toc_entry"]
        number = self.run_props(tpl.styles["toc_column"])
        number.size, number.bold, number.color, number.lang = entry.size + 0.5, True, self.color("primary"), ""
        self._put(TOC_NUMBER[0], TOC_NUMBER[1], "character", None, number, based_on="DefaultParagraphFont")
        self._put(TOC_LEADER[0], TOC_LEADER[1], "character", None,
                  RunProps(latin="", east_asia="", size=None, bold=None, color="#8A8A8A", lang=""),
                  based_on="DefaultParagraphFont")

    def lead(self, style: str) -> str:
        """The character style of run-in text set like paragraph style `style` (a numbered lead in
        简报正文), defined on first use: the heading's face and weight, at the paragraph's size."""
        sid = lead_style_id(style)
        if sid not in self.defined:
            st = self.template.styles.get(style) or self.template.styles["body"]
            name = STYLE_NAMES.get(style, (sid, style))[1] + "（段首）"
            full = self.run_props(st)
            if not st.bold and self._as_body(st):
                full.bold = True            # as in the PDF: 楷体 fell back to the text's own face here
            rpr = self._run_part(full, STYLE_NAMES["body"][0])
            self._put(sid, name, "character", None, rpr, based_on="DefaultParagraphFont")
        return self.ids.get(sid, sid)

    def layout_styles(self) -> dict[str, Style]:
        """The template's styles as this document sets them, for estimating its pages: a style kept
        from a reference document measured from its own definition (size, line, spacing, indents)."""
        out = dict(self.template.styles)
        for key, st in self.template.styles.items():
            names = STYLE_NAMES.get(key)
            if names is not None and names[1] in self.kept and self._style(names[1]) is not None:
                out[key] = self._measured(self._style(names[1]), st)
        return out

    def _measured(self, style, st: Style) -> Style:
        """`st` with the size, line height, spacing and indents of python-docx style `style` (through
        w:basedOn to the document defaults, as Word resolves them)."""
        found: dict[str, str] = {}
        wanted = {("rPr", "sz", "val"): "size", ("rPr", "rFonts", "eastAsia"): "face",
                  ("pPr", "spacing", "line"): "line", ("pPr", "spacing", "lineRule"): "rule",
                  ("pPr", "spacing", "before"): "before", ("pPr", "spacing", "after"): "after",
                  ("pPr", "ind", "firstLineChars"): "first_chars", ("pPr", "ind", "firstLine"): "first",
                  ("pPr", "ind", "hanging"): "hanging", ("pPr", "ind", "leftChars"): "left_chars",
                  ("pPr", "ind", "left"): "left"}
        defaults = self.styles.element.find(qn("w:docDefaults"))
        holders = []
        while style is not None:
            holders.append((style.element.rPr, style.element.pPr))
            style = style.base_style
        if defaults is not None:
            holders.append((defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"),
                            defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")))
        for rpr, ppr in holders:
            for (where, tag, attr), key in wanted.items():
                holder = rpr if where == "rPr" else ppr
                el = holder.find(qn("w:" + tag)) if holder is not None else None
                if key not in found and el is not None and el.get(qn("w:" + attr)) is not None:
                    found[key] = el.get(qn("w:" + attr))

        def number(key: str, default: float = 0.0) -> float:
            try:
                return float(found[key])
            except (KeyError, ValueError):
                return default

        size = number("size", 20) / 2
        natural = self.fonts.line_height(found["face"]) if self.fonts and "face" in found else 1.3
        rule, line = found.get("rule", "auto"), number("line", 240)
        if rule == "exact":
            leading = line / 20 / size
        elif rule == "atLeast":
            leading = max(line / 20 / size, natural)
        else:
            leading = line / 240 * natural
        first = number("first_chars") / 100 if "first_chars" in found else number("first") / 20 / size
        if "hanging" in found:
            first = -number("hanging") / 20 / size
        left = number("left_chars") / 100 if "left_chars" in found else number("left") / 20 / size
        return dataclasses.replace(st, size=size, leading=leading, space_before=number("before") / 20,
                                   space_after=number("after") / 20, first_indent=first, left_indent=left)

    def id(self, style: str) -> str:
        sid = STYLE_NAMES[style][0] if style in STYLE_NAMES else EXTRA[style][0]
        return self.ids.get(sid, sid)

    def style_id(self, sid: str) -> str:
        """The id in the document of our style `sid` (a reference document may have its own)."""
        return self.ids.get(sid, sid)

    def kept_own(self) -> list[str]:
        """Our own (Chinese-named) styles that the reference document defines; Word's built-ins aside."""
        builtin = {"Normal"} | {STYLE_NAMES[k][1] for k in ("toc_column", "toc_entry", "header", "footer")}
        return [n for n in self.kept if n not in builtin]

    def table_grid(self) -> str | None:
        """The id of the bordered table style ("Table Grid"), if the document has one."""
        return self.existing.get("Table Grid") if self.reference else "TableGrid"

    def _put(self, sid: str, name: str, kind: str, ppr: ParaProps | None, rpr: RunProps | None, *,
             based_on: str | None = "Normal", custom: bool = True, next_name: str | None = None,
             priority: int | None = None) -> None:
        """Define style `sid` called `name` with (the full) `ppr` and `rpr`, based on our style id
        `based_on`: only what differs from that style is written, unless it is a reference's. While
        define() runs, the style is decided here and written later (_write), from the cache if the
        same styles were written before."""
        self.defined.add(sid)
        if name in self.existing:
            self.ids[sid] = self.existing[name]
            self.kept.append(name)
            return
        base_ppr, base_rpr = self.effective.get(based_on, (None, None)) if based_on else (None, None)
        if kind == "character":
            base_ppr = base_rpr = None                 # their base is Default Paragraph Font: nothing
        self.effective[sid] = (ppr, rpr)
        present = name in self.present           # in the base document (Normal): ours to fill
        self.present.add(name)
        if next_name:
            self.follow.append((name, next_name))
        op = ("style", sid, name, kind, ppr, rpr, based_on, custom, priority, base_ppr, base_rpr, present)
        if self.ops is not None:
            self.ops.append(op)
        else:
            self._write(op)

    def _write(self, op: tuple) -> None:
        """Write one decided style (or the document defaults) through python-docx's style API."""
        if op[0] == "defaults":
            ox.doc_defaults(self.styles.element, *op[1:])
            return
        if op[0] == "language":
            ox.default_language(self.styles.element, *op[1:])
            return
        _, sid, name, kind, ppr, rpr, based_on, custom, priority, base_ppr, base_rpr, present = op
        if present:
            style = self._style(name)
            if self.restated:
                for holder in (style.element.pPr, style.element.rPr):
                    if holder is not None:
                        style.element.remove(holder)
        else:
            if sid in self.present_ids:          # a reference's style under our id but another name
                clash = next(el for el in self.styles.element.style_lst if el.styleId == sid)
                clash.getparent().remove(clash)
            style_type = WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
            # Styles.add_style less its check that the name is new (known here: self.present), which
            # compares against every style's name and made defining styles quadratic
            style = StyleFactory(self.styles.element.add_style_of_type(name, style_type, not custom))
            style.style_id = sid
            self.cache[name] = style
            base = self._based_on_style(based_on) if based_on else None
            if base is not None:                 # a reference document may lack Word's defaults
                style.base_style = base
        if priority is not None:
            style.priority = priority
        style.quick_style = True
        if rpr is not None:
            apply_run(style, rpr, base_rpr)
        if ppr is not None:
            apply_paragraph(style, ppr, base_ppr)

    def _written(self) -> None:
        """Write the styles define() decided: the styles part as the same decisions wrote it before,
        from the cache (cache.py), else through python-docx's style API (and then into the cache)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml
        from lxml import etree

        from . import cache

        ops, self.ops = self.ops or [], None
        part = self.document.part.part_related_by(RT.STYLES)
        start = etree.tostring(part.element)
        name = cache.key("styles", start, self.restated, ops) + ".xml"
        blob = cache.read("styles", name)
        if blob is not None:
            try:
                element = parse_xml(blob)
            except Exception:
                element = None                   # damaged though its checksum held: made again
            if element is not None and element.tag == part.element.tag:
                part._element = element
                self.styles = self.document.styles
                self.cache.clear()
                return
        for op in ops:
            self._write(op)
        cache.write("styles", name, etree.tostring(part.element))

    def _based_on_style(self, sid: str):
        """The python-docx style our id `sid` (or a base document's Normal …) stands for."""
        if sid in BASE_NAMES:
            return self._style(BASE_NAMES[sid])
        name = next((n for s, n in STYLE_NAMES.values() if s == sid), None) or \
            next((n for s, n, _ in EXTRA.values() if s == sid), None)
        return self._style(name) if name else None

    def _style(self, name: str):
        """The python-docx style called `name` in the document (ours or the reference's), or None."""
        if name not in self.cache:
            try:
                self.cache[name] = self.styles[name]
            except KeyError:
                self.cache[name] = None
        return self.cache[name]

    def finish(self) -> None:
        """Link each style to the one that follows it, and leave no theme font overriding an
        explicit one (a reference document may have both)."""
        for name, next_name in self.follow:
            self._style(name).next_paragraph_style = self._style(next_name)
        ox.strip_theme_fonts(self.styles.element)

    def longest_column(self) -> int:
        """The longest column name, in characters (the column labels' tab is as wide)."""
        return max([len(c.name) for c in self.template.columns] + [4])
