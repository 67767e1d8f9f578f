"""The WordprocessingML that python-docx has no API for, in one place.

East Asian fonts (w:rFonts/@w:eastAsia with no theme font overriding it, lang
zh-CN), whole style definitions, complex fields (TOC, PAGE, PAGEREF), bookmarks,
internal and external hyperlinks, paragraph borders and shading, section
settings and settings.xml. Element order follows the schema (CT_PPr, CT_RPr,
CT_SectPr sequences), since Word reports an out-of-order child as a damaged file.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_MM = 1440 / 25.4
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def twips(points: float) -> int:
    return int(round(points * 20))


def hex_color(value: str) -> str:
    return value.lstrip("#").upper()


def tint(value: str, amount: float) -> str:
    """`value` mixed with white: amount 0 is white, 1 the colour itself."""
    v = hex_color(value)
    rgb = [int(v[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * amount):02X}" for c in rgb)


def el(tag: str, **attrs) -> OxmlElement:
    """An element `w:tag` with w:-prefixed attributes given as keyword arguments."""
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


# ---------------------------------------------------------------- properties as XML text

@dataclass
class Border:
    side: str             # top / left / bottom / right
    val: str = "single"   # single, thickThinSmallGap, thinThickSmallGap …
    size: float = 0.5     # points
    color: str = "000000"
    space: int = 1        # points between border and text


@dataclass
class RunProps:
    latin: str = ""
    east_asia: str = ""
    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    spacing: float = 0.0          # extra space between characters, points
    lang: str = "zh-CN"

    def xml(self) -> str:
        parts = []
        if self.latin or self.east_asia:
            latin, ea = self.latin or self.east_asia, self.east_asia or self.latin
            parts.append(f'<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} '
                         f'w:eastAsia={quoteattr(ea)} w:cs={quoteattr(latin)}/>')
        if self.bold is not None:
            v = "" if self.bold else ' w:val="0"'
            parts.append(f"<w:b{v}/><w:bCs{v}/>")
        if self.color:
            parts.append(f'<w:color w:val="{hex_color(self.color)}"/>')
        if self.spacing:
            parts.append(f'<w:spacing w:val="{twips(self.spacing)}"/>')
        if self.size:
            half = int(round(self.size * 2))
            parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
        if self.lang:
            parts.append(f'<w:lang w:val="en-US" w:eastAsia="{self.lang}" w:bidi="ar-SA"/>')
        return "<w:rPr>" + "".join(parts) + "</w:rPr>"


@dataclass
class ParaProps:
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
    frame_bottom: bool = False          # a frame anchored at the foot of the text area

    def xml(self) -> str:
        p = []
        if self.keep_next:
            p.append("<w:keepNext/>")
        if self.keep_lines:
            p.append("<w:keepLines/>")
        if self.page_break_before:
            p.append("<w:pageBreakBefore/>")
        if self.frame_bottom:
            p.append('<w:framePr w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
                     'w:xAlign="center" w:yAlign="bottom"/>')
        if self.borders:
            order = {"top": 0, "left": 1, "bottom": 2, "right": 3}
            sides = "".join(f'<w:{b.side} w:val="{b.val}" w:sz="{max(2, round(b.size * 8))}" '
                            f'w:space="{b.space}" w:color="{hex_color(b.color)}"/>'
                            for b in sorted(self.borders, key=lambda b: order[b.side]))
            p.append(f"<w:pBdr>{sides}</w:pBdr>")
        if self.shade:
            p.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_color(self.shade)}"/>')
        if self.tabs:
            p.append("<w:tabs>" + "".join(f'<w:tab w:val="{a}" w:leader="{lead}" w:pos="{twips(pos)}"/>'
                                           for a, pos, lead in self.tabs) + "</w:tabs>")
        # Chinese punctuation rules (避头尾) and no extra space between CJK and Latin text
        p.append('<w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
                 '<w:snapToGrid w:val="0"/>')
        line = (f' w:line="{twips(self.line)}" w:lineRule="exact"' if self.line
                else ' w:line="240" w:lineRule="auto"')
        p.append(f'<w:spacing w:before="{twips(self.before)}" w:after="{twips(self.after)}"{line}/>')
        ind = []
        if self.left_chars or self.left:
            ind.append(f'w:leftChars="{round(self.left_chars * 100)}" '
                       f'w:left="{twips(self.left_chars * self.size + self.left)}"')
        if self.right:
            ind.append(f'w:right="{twips(self.right)}"')
        if self.hanging:
            ind.append(f'w:hanging="{twips(self.hanging)}"')
        elif self.first_chars:
            ind.append(f'w:firstLineChars="{round(self.first_chars * 100)}" '
                       f'w:firstLine="{twips(self.first_chars * self.size)}"')
        else:
            ind.append('w:firstLineChars="0" w:firstLine="0"')
        p.append(f"<w:ind {' '.join(ind)}/>")
        if self.align:
            jc = {"justify": "both", "left": "left", "center": "center", "right": "right",
                  "distribute": "distribute"}[self.align]
            p.append(f'<w:jc w:val="{jc}"/>')
        if self.outline is not None:
            p.append(f'<w:outlineLvl w:val="{self.outline}"/>')
        return "<w:pPr>" + "".join(p) + "</w:pPr>"


def style_element(style_id: str, name: str, kind: str, ppr: ParaProps | None, rpr: RunProps | None,
                  based_on: str | None = "Normal", next_id: str | None = None, custom: bool = True,
                  priority: int | None = None, link: str | None = None):
    """A complete w:style (kind: paragraph or character)."""
    parts = [f"<w:name w:val={quoteattr(name)}/>"]
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    if link:
        parts.append(f'<w:link w:val="{link}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    parts.append("<w:qFormat/>")
    if ppr is not None:
        parts.append(ppr.xml())
    if rpr is not None:
        parts.append(rpr.xml())
    custom_attr = ' w:customStyle="1"' if custom else ""
    return parse_xml(f'<w:style {nsdecls("w")} w:type="{kind}"{custom_attr} w:styleId="{style_id}">'
                     + "".join(parts) + "</w:style>")


def replace_style(styles_el, new_style) -> None:
    """Put `new_style` in styles.xml, replacing a style with the same id."""
    sid = new_style.get(qn("w:styleId"))
    for old in styles_el.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == sid:
            old.addprevious(new_style)
            styles_el.remove(old)
            return
    styles_el.append(new_style)


def set_doc_defaults(styles_el, run: RunProps) -> None:
    """Document-wide run defaults: our fonts and zh-CN instead of the template's theme fonts."""
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles_el.insert(0, defaults)
    for old in defaults.findall(qn("w:rPrDefault")):
        defaults.remove(old)
    rpr_default = parse_xml(f'<w:rPrDefault {nsdecls("w")}>{_with_ns(run.xml())}</w:rPrDefault>')
    defaults.insert(0, rpr_default)
    strip_theme_fonts(styles_el)


def _with_ns(xml: str) -> str:
    return xml.replace("<w:rPr>", f'<w:rPr {nsdecls("w")}>', 1)


def strip_theme_fonts(root) -> int:
    """Remove theme font attributes under `root`; they would win over w:eastAsia. Returns how many."""
    n = 0
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            if fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
                n += 1
    return n


# ---------------------------------------------------------------- runs, fields, bookmarks, links

def add_run(parent, text: str = "", style_id: str | None = None):
    """A w:r appended to `parent` (a w:p or w:hyperlink); tabs and newlines become w:tab / w:br."""
    r = OxmlElement("w:r")
    if style_id:
        r.style = style_id
    if text:
        r.text = text
    parent.append(r)
    return r


def _fld_char(parent, kind: str, dirty: bool = False):
    r = add_run(parent)
    fc = el("w:fldChar", fldCharType=kind)
    if dirty:
        fc.set(qn("w:dirty"), "true")
    r.append(fc)
    return r


def field_begin(parent, instruction: str, dirty: bool = False) -> None:
    """The start of a complex field up to its separator; the result runs follow, then field_end."""
    _fld_char(parent, "begin", dirty)
    r = add_run(parent)
    instr = el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    r.append(instr)
    _fld_char(parent, "separate")


def field_end(parent) -> None:
    _fld_char(parent, "end")


def add_field(parent, instruction: str, result: str, style_id: str | None = None) -> None:
    """A whole field (PAGE, PAGEREF …) with `result` as the text shown until it is updated."""
    field_begin(parent, instruction)
    add_run(parent, result, style_id)
    field_end(parent)


def add_bookmark(p, bookmark_id: int, name: str) -> None:
    """Bookmark the whole content of paragraph `p` (after its pPr)."""
    start = el("w:bookmarkStart", id=bookmark_id, name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(el("w:bookmarkEnd", id=bookmark_id))


def add_hyperlink(parent, part, *, url: str | None = None, anchor: str | None = None):
    """A w:hyperlink to an external `url` (a relationship of `part`) or to a bookmark `anchor`."""
    link = OxmlElement("w:hyperlink")
    if url is not None:
        link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    parent.append(link)
    return link


def link_picture(inline, part, url: str) -> None:
    """Make an inline picture a link: a:hlinkClick on its wp:docPr."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    doc_pr = inline.find(qn("wp:docPr"))
    click = OxmlElement("a:hlinkClick")
    click.set(qn("r:id"), rid)
    doc_pr.append(click)


def repeat_header_row(tr) -> None:
    tr.get_or_add_trPr().append(el("w:tblHeader"))


# ---------------------------------------------------------------- sections and settings

def end_section(p, sentinel_sectPr):
    """Close the section whose last paragraph is `p`: a copy of the document's sectPr goes into it."""
    sect = sentinel_sectPr.clone()
    for ref in sect.xpath("w:headerReference|w:footerReference"):
        sect.remove(ref)
    p.set_sectPr(sect)
    return sect


def set_section(sect, size_mm: tuple[float, float], margins_mm: tuple[float, float, float, float],
                header_mm: float, footer_mm: float, number_format: str | None = None,
                number_start: int | None = None) -> None:
    """Page size, margins (top, right, bottom, left), header/footer distances and page numbering."""
    for tag in ("w:pgSz", "w:pgMar", "w:pgNumType", "w:cols", "w:titlePg", "w:docGrid", "w:type"):
        for old in sect.findall(qn(tag)):
            sect.remove(old)
    mm = lambda v: str(int(round(v * TWIPS_PER_MM)))  # noqa: E731
    top, right, bottom, left = margins_mm
    new = [el("w:type", val="nextPage"),
           el("w:pgSz", w=mm(size_mm[0]), h=mm(size_mm[1])),
           el("w:pgMar", top=mm(top), right=mm(right), bottom=mm(bottom), left=mm(left),
              header=mm(header_mm), footer=mm(footer_mm), gutter="0")]
    if number_format or number_start:
        num = el("w:pgNumType")
        if number_format:
            num.set(qn("w:fmt"), number_format)
        if number_start:
            num.set(qn("w:start"), str(number_start))
        new.append(num)
    new += [el("w:cols", space="425"), el("w:docGrid", type="default", linePitch="312")]
    # CT_SectPr: header/footer references, footnotePr, endnotePr, type, pgSz, pgMar, paperSrc,
    # pgBorders, lnNumType, pgNumType, cols, … titlePg, textDirection, bidi, rtlGutter, docGrid
    anchor = None
    for child in sect:
        if child.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:footnotePr"),
                         qn("w:endnotePr")):
            anchor = child
    for e in new:
        if e.tag == qn("w:docGrid"):
            sect.append(e)
            continue
        if anchor is None:
            sect.insert(0, e)
        else:
            anchor.addnext(e)
        anchor = e


# Schema orders (ECMA-376 CT_PPrBase, CT_TblPr, CT_Settings up to the children we add or meet)
PPR_SEQ = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
           "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
           "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
           "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
           "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
           "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TBLPR_SEQ = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
             "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
             "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
SETTINGS_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                                "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
                                "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                                "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                                "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
                                "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                                "w:listSeparator")


def insert_ordered(parent, child, seq: tuple[str, ...]) -> None:
    """Insert `child` into `parent` before the first existing child that the schema puts after it."""
    tag = child.tag
    names = [qn(t) for t in seq]
    later = set(names[names.index(tag) + 1:])
    for old in parent.findall(tag):
        parent.remove(old)
    following = next((c for c in parent if c.tag in later), None)
    if following is not None:
        following.addprevious(child)
    else:
        parent.append(child)


def frame_at_foot(p, width_pt: float) -> None:
    """Make paragraph `p` a frame standing at the foot of the text area, the width of the text."""
    frame = el("w:framePr", w=twips(width_pt), wrap="around", vAnchor="margin", hAnchor="margin",
               xAlign="center", yAlign="bottom")
    insert_ordered(p.get_or_add_pPr(), frame, PPR_SEQ)


def indent_table(tbl, indent_pt: float) -> None:
    insert_ordered(tbl.tblPr, el("w:tblInd", w=twips(indent_pt), type="dxa"), TBLPR_SEQ)


def set_settings(settings_el, lang: str = "zh-CN") -> None:
    """Ask Word to update fields (the contents' page numbers) on open; East Asian theme language."""
    for old in settings_el.findall(qn("w:updateFields")):
        settings_el.remove(old)
    later = {qn(t) for t in SETTINGS_AFTER_UPDATE_FIELDS}
    update = el("w:updateFields", val="true")
    following = next((c for c in settings_el if c.tag in later), None)
    if following is not None:
        following.addprevious(update)
    else:
        settings_el.append(update)
    theme = settings_el.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), lang)
