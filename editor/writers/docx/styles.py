"""The DOCX's named styles, made once from the template's styles and fonts.

Every template style becomes one Word paragraph style with a Chinese name
(简报正文、一级标题、编者按 …), so restyling the document in Word or WPS is changing
one style. Run-in numbering leads get character styles. The contents levels use
Word's own "toc 1"/"toc 2" and the running header and footer its "header" and
"footer", so a TOC update or a new header keeps the look. A style that a
reference .docx already defines (by name) is left as the reference has it.

What each style looks like is worked out here as RunProps/ParaProps; `_put` writes
them through python-docx's style API, and through oxml what that API lacks
(East Asian fonts, language, indents in characters, borders, shading …).
"""

from __future__ import annotations


from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt, RGBColor
from docx.styles.style import StyleFactory

from ...records import record
from ...template import Style, Template
from . import oxml as ox
from .oxml import Border, hex_color, tint

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
# styles of the writer's own, each derived from a template style
EXTRA = {
    "table_header": ("BTableHeader", "表格标题行", "table"),
    "picture": ("BPicture", "图片", "link_caption"),
    "cover_publisher": ("BCoverPublisher", "封面主办单位", "masthead_tagline"),
    "back_band": ("BBackBand", "封底刊头", "header"),
    "cover_guide": ("BCoverGuide", "封面导读", "toc_entry"),
}
GUIDE_COLUMN = ("BCoverGuideColumn", "封面导读栏目")     # character style of the column names there
GUIDE_INDENT = 6                                          # ems: the column-name gutter of the guide
BUILTIN = {"TOC1", "TOC2", "Header", "Footer"}
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
    line: float | None = None           # exact line height, points; None: single, grows with content
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
TAB_LEADER = {"none": WD_TAB_LEADER.SPACES, "dot": WD_TAB_LEADER.DOTS}


BASE_NAMES = {"Normal": "Normal", "DefaultParagraphFont": "Default Paragraph Font"}


def apply_run(style, rpr: RunProps) -> None:
    """Write `rpr` into a style: size, bold and colour through python-docx, faces and language as
    East Asian WordprocessingML."""
    # the raw elements first: python-docx then finds the place of each of its own sooner
    r = style.element.get_or_add_rPr()
    if rpr.latin or rpr.east_asia:
        ox.east_asian_fonts(r, rpr.latin or rpr.east_asia, rpr.east_asia or rpr.latin)
    if rpr.bold is not None:
        ox.complex_script_bold(r, rpr.bold)
    if rpr.spacing:
        ox.letter_spacing(r, rpr.spacing)
    if rpr.size:
        ox.complex_script_size(r, rpr.size)
    if rpr.lang:
        ox.language(r, rpr.lang)
    font = style.font
    if rpr.size:
        font.size = Pt(rpr.size)
    if rpr.bold is not None:
        font.bold = rpr.bold
    if rpr.color:
        font.color.rgb = RGBColor.from_string(hex_color(rpr.color))


def apply_paragraph(style, ppr: ParaProps) -> None:
    """Write `ppr` into a paragraph style: alignment, spacing, keeps and tabs through python-docx,
    character indents, borders, shading, CJK line breaking and outline level as WordprocessingML."""
    p = style.element.get_or_add_pPr()
    if ppr.borders:
        ox.borders(p, ppr.borders)
    if ppr.shade:
        ox.shading(p, ppr.shade)
    ox.cjk_line_breaking(p)
    ox.indents(p, size=ppr.size, first_chars=ppr.first_chars, left_chars=ppr.left_chars, left=ppr.left,
               right=ppr.right, hanging=ppr.hanging)
    if ppr.outline is not None:
        ox.outline_level(p, ppr.outline)
    pf = style.paragraph_format
    if ppr.align:
        pf.alignment = ALIGN[ppr.align]
    pf.space_before = Pt(ppr.before)
    pf.space_after = Pt(ppr.after)
    pf.line_spacing = Pt(ppr.line) if ppr.line else 1.0
    if ppr.keep_next:
        pf.keep_with_next = True
    if ppr.keep_lines:
        pf.keep_together = True
    if ppr.page_break_before:
        pf.page_break_before = True
    for align, pos, leader in ppr.tabs:
        pf.tab_stops.add_tab_stop(Pt(pos), TAB_ALIGN[align], TAB_LEADER[leader])


def lead_style_id(style: str) -> str:
    """The character style of a run-in lead set like paragraph style `style`."""
    return STYLE_NAMES.get(style, (f"B{style}", style))[0] + "Lead"


class StyleSheet:
    """Defines the styles in `document` (a python-docx Document) and answers their ids.

    With a reference document, a style it defines by name is used as it is, under its own id.
    """

    def __init__(self, template: Template, text_width: float, document, reference: bool = False):
        self.template = template
        self.text_width = text_width
        self.document = document
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
        self.follow: list[tuple[object, str]] = []   # (style, name of the style after it), set in finish
        self.ids: dict[str, str] = {}        # our id → the id in the document (a reference's own)
        self.kept: list[str] = []
        self.defined: set[str] = set()
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

    def _fit(self, text: str, spread: float) -> float:
        """The largest size at which `text`, letter-spaced by `spread` ems, fits the measure on one line."""
        from .pages import text_units

        ems = text_units(text) + spread * max(0, len(text) - 1)
        return self.text_width * 0.94 / ems if ems else 1e9

    def para_props(self, st: Style, **over) -> ParaProps:
        props = ParaProps(align=st.align, line=round(st.size * st.leading, 2), before=st.space_before,
                          after=st.space_after, first_chars=st.first_indent, left_chars=st.left_indent,
                          size=st.size)
        for k, v in over.items():
            setattr(props, k, v)
        return props

    # ------------------------------------------------------------ defining

    def define(self) -> None:
        tpl = self.template
        body = tpl.styles["body"]
        latin, ea = self.font_names(body.font)
        if not self.reference:
            ox.doc_defaults(self.styles.element, latin, ea, body.size, "zh-CN")
        self._put("Normal", "Normal", "paragraph", ParaProps(align="justify", size=body.size),
                  RunProps(latin=latin, east_asia=ea, size=body.size), based_on=None, custom=False)
        primary = self.color("primary")
        accent = self.color("accent")
        for key, (sid, name) in STYLE_NAMES.items():
            st = tpl.styles[key]
            ppr, rpr = self.para_props(st), self.run_props(st)
            if key in ("masthead_tagline", "masthead_title", "masthead_slogan"):
                # the masthead reversed out of a band in the style's colour, as on the PDF cover:
                # identical borders make the three paragraphs one box, the sill in the accent colour
                band = self.color(st.color)
                ppr.shade, rpr.color = band, "#FFFFFF"
                ppr.borders = (Border("top", "single", 4, band, 18), Border("bottom", "single", 3, accent, 14))
                ppr.before = ppr.after = 0.0
                spread = {"masthead_title": 0.12, "masthead_slogan": 0.3}.get(key, 0.05)
                text = {"masthead_title": tpl.publication.title, "masthead_slogan": tpl.publication.slogan,
                        "masthead_tagline": tpl.publication.tagline}[key]
                # on smaller paper the masthead shrinks to one line, as on the PDF cover
                size = min(st.size, self._fit(text, spread))
                rpr.size, ppr.size, ppr.line = size, size, round(size * st.leading, 2)
                rpr.spacing = size * spread
                if key == "masthead_title":
                    ppr.line = size * 1.6
                    self.masthead_size = size
            elif key == "issue_line":
                # the masthead rules under the issue line: thick over thin
                ppr.borders = (Border("bottom", "thickThinSmallGap", 3, primary, 4),)
                ppr.after = max(ppr.after, 14)
            elif key == "cover_label":
                ppr.borders = (Border("bottom", "single", 1.5, accent, 2),)
                ppr.keep_next = True
            elif key == "colophon_role":
                ppr.align = "distribute"
            elif key == "colophon_name":
                em = st.size
                ppr.tabs = tuple(("left", k * 4.5 * em, "none") for k in range(1, 12)
                                 if k * 4.5 * em < self.text_width)
            elif key == "disclaimer":
                ppr.borders = tuple(Border(s, "single", 0.5, tint(primary, 0.5), 6)
                                    for s in ("top", "left", "bottom", "right"))
                ppr.shade = tint(primary, 0.06)
            elif key == "toc_heading":
                ppr.keep_next = True
            elif key == "toc_column":
                ppr.borders = (Border("bottom", "single", 0.5, tint(self.color(st.color), 0.45), 2),)
                ppr.keep_next = True
            elif key == "toc_entry":
                ppr.tabs = (("right", self.text_width - st.left_indent * st.size - 1, "dot"),)
            elif key == "column_label":
                # a band in the style's colour with the name reversed out, as in the PDF
                ppr.shade = self.color(st.color)
                ppr.right = max(0.0, self.text_width - st.size * (self._longest_column() + 2.4))
                ppr.left = st.size * 0.4
                ppr.keep_next = True
                ppr.page_break_before = True
                ppr.outline = 0
                rpr.color = "#FFFFFF"
            elif key in ("editor_note_label", "editor_note"):
                # the 编者按 panel: tinted, with a bar in the house colour; label and note share the
                # same borders and indents, so Word draws them as one box
                ppr.borders = (Border("left", "single", 3, primary, 8),)
                ppr.shade = tint(primary, 0.07)
                ppr.left, ppr.right = 10.0, 4.0
                ppr.keep_next = key == "editor_note_label"
            elif key in ("attachment", "attachment_item", "signature"):
                ppr.keep_next = True    # 附件说明, 署名 and 成文日期 stay together on one page
            elif key == "title":
                ppr.keep_next = ppr.keep_lines = True
                ppr.outline = 1
            elif key in ("heading1", "heading2", "heading3", "heading4", "subheading"):
                ppr.keep_next = True
                ppr.outline = 2 + int(key[-1]) - 1 if key != "subheading" else 2
            elif key == "header":
                ppr.borders = (Border("bottom", "single", 0.6, self.color(st.color), 3),)
            builtin = sid in BUILTIN
            self._put(sid, name, "paragraph", ppr, rpr, custom=not builtin,
                      next_name=STYLE_NAMES["body"][1] if key in ("title", "heading1", "heading2") else None,
                      priority=39 if sid.startswith("TOC") else None)
        for key, (sid, name, base) in EXTRA.items():
            st = tpl.styles[base]
            ppr, rpr = self.para_props(st), self.run_props(st)
            if key == "table_header":
                rpr.bold, ppr.align = True, "center"
            elif key == "picture":
                ppr.line, ppr.keep_next, ppr.before, ppr.after = None, True, 6.0, 2.0
            elif key == "cover_guide":
                size = st.size - 0.5
                rpr.size, ppr.size, ppr.line = size, size, size * 1.75
                ppr.left_chars, ppr.left, ppr.hanging = 0.0, GUIDE_INDENT * size, GUIDE_INDENT * size
                ppr.first_chars, ppr.align, ppr.after = 0.0, "left", size * 0.2
                ppr.tabs = (("left", GUIDE_INDENT * size, "none"),)
            elif key in ("cover_publisher", "back_band"):
                ppr.shade, rpr.color, ppr.align = primary, "#FFFFFF", "center"
                ppr.borders, ppr.line = (), None
                ppr.before = ppr.after = 6.0
                if key == "cover_publisher":
                    rpr.spacing = st.size * 0.3
            self._put(sid, name, "paragraph", ppr, rpr)
        for level in ("heading1", "heading2", "heading3", "heading4"):
            self.lead(level)
        col = tpl.styles["toc_column"]
        rpr = self.run_props(col)
        rpr.size, rpr.lang = tpl.styles["toc_entry"].size - 0.5, ""
        self._put(GUIDE_COLUMN[0], GUIDE_COLUMN[1], "character", None, rpr, based_on="DefaultParagraphFont")

    def lead(self, style: str) -> str:
        """The character style of run-in text set like paragraph style `style`, defined on first use."""
        sid = lead_style_id(style)
        if sid not in self.defined:
            st = self.template.styles.get(style) or self.template.styles["body"]
            name = STYLE_NAMES.get(style, (sid, style))[1] + "（段首）"
            rpr = self.run_props(st)
            rpr.lang = ""
            self._put(sid, name, "character", None, rpr, based_on="DefaultParagraphFont")
        return self.ids.get(sid, sid)

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
        self.defined.add(sid)
        if name in self.existing:
            self.ids[sid] = self.existing[name]
            self.kept.append(name)
            return
        if name in self.present:                 # in the base document (Normal): ours to fill
            style = self._style(name)
        else:
            if sid in self.present_ids:          # a reference's style under our id but another name
                clash = next(el for el in self.styles.element.style_lst if el.styleId == sid)
                clash.getparent().remove(clash)
            style_type = WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
            # Styles.add_style less its check that the name is new (known here: self.present), which
            # compares against every style's name and made defining styles quadratic
            style = StyleFactory(self.styles.element.add_style_of_type(name, style_type, not custom))
            self.present.add(name)
            style.style_id = sid
            self.cache[name] = style
            base = self._style(BASE_NAMES[based_on]) if based_on else None
            if base is not None:                 # a reference document may lack Word's defaults
                style.base_style = base
        if next_name:
            self.follow.append((style, next_name))
        if priority is not None:
            style.priority = priority
        style.quick_style = True
        if rpr is not None:
            apply_run(style, rpr)
        if ppr is not None:
            apply_paragraph(style, ppr)

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
        for style, name in self.follow:
            style.next_paragraph_style = self._style(name)
        ox.strip_theme_fonts(self.styles.element)

    def _longest_column(self) -> int:
        return max([len(c.name) for c in self.template.columns] + [4])


# Chinese faces that come with Windows or Microsoft Office, by the name Word knows them by.
COMMON_FACES = ("宋体", "黑体", "楷体", "仿宋", "华文中宋", "华文楷体", "华文仿宋", "华文宋体", "微软雅黑")


def substitute_fonts(template: Template) -> list[tuple[str, str | None]]:
    """For each font the styles use, the common face Word and WPS should set where a reader lacks it
    (仿宋_GB2312 and 楷体_GB2312 are not on a stock Windows, 方正小标宋简体 rarely is): 仿宋, 楷体,
    华文中宋, taken from the role's later candidates; None for a common face itself."""
    fonts: list[tuple[str, str | None]] = []
    for candidates in template.fonts.values():
        if not candidates or candidates[0] in {f[0] for f in fonts}:
            continue
        first = candidates[0]
        alt = None if first in COMMON_FACES else next((c for c in candidates[1:] if c in COMMON_FACES), None)
        fonts.append((first, alt))
    return fonts
